package io.dorsal.programmer.model;

import io.dorsal.core.therapy.Recharge;

/** Active or passive recharge as the recharge chooser names them. */
public enum RechargeType {
    ACTIVE("active"), PASSIVE("passive");

    private final String label;

    RechargeType(String label) {
        this.label = label;
    }

    public static RechargeType of(Recharge recharge) {
        return switch (recharge) {
            case Recharge.Active a -> ACTIVE;
            case Recharge.Passive p -> PASSIVE;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
