package io.dorsal.core.therapy;

/** A lead's kind: percutaneous (a cylinder of ring contacts) or paddle (flat contacts in columns). */
public enum LeadShape {
    PERCUTANEOUS,
    PADDLE
}
