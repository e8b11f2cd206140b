package io.dorsal.link.server;

/**
 * Limits that keep one client from hurting the rig or the others.
 *
 * @param maxConnections        connections served at once; more are closed at once
 * @param sessionLifetimeMs     a session's whole life; after it, requests are refused and the client reconnects
 * @param readTimeoutMs         longest wait for the next byte of a frame (a slow client is dropped)
 * @param maxRequestsPerSecond  a connection sending faster is dropped (flooding)
 */
public record ServerSettings(int maxConnections, long sessionLifetimeMs, int readTimeoutMs, int maxRequestsPerSecond) {

    public static final ServerSettings DEFAULTS = new ServerSettings(16, 8 * 3_600_000L, 30_000, 50);
}
