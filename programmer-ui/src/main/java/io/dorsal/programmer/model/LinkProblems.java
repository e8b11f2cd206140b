package io.dorsal.programmer.model;

import io.dorsal.link.client.LinkRefusedException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Why a link to a stimulator failed, in words a clinician can act on. */
public final class LinkProblems {

    private LinkProblems() {
    }

    /** The failure beneath the wrappers futures and executors put around it. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * One sentence (without a final full stop) saying what went wrong with the rig at {@code address}.
     */
    public static String describe(Throwable failure, String address) {
        Throwable t = cause(failure);
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return switch (t) {
            case LinkRefusedException refused -> refusal(detail);
            case ConnectException c -> "Nothing accepts connections at " + address
                    + " (connection refused): check that stimctl serve runs there, on that port";
            case UnknownHostException u -> "Unknown host '" + detail + "': check the rig's address";
            case NoRouteToHostException n -> "The rig at " + address + " is unreachable (no route to it): "
                    + "check the network";
            case SocketTimeoutException s -> "The rig at " + address + " did not answer in time: check the address "
                    + "and the network";
            case SSLException s -> "The secure connection to " + address + " failed (" + detail + "): the rig there is "
                    + "not the one this programmer paired with, or it does not trust this programmer";
            default -> "The link to " + address + " failed: " + detail;
        };
    }

    private static String refusal(String detail) {
        if (detail.startsWith("pairing refused: ")) {
            return "The rig refused the pairing: " + detail.substring("pairing refused: ".length());
        }
        if (detail.startsWith("no pairing code is open")) {
            return "The rig has no pairing code open: run stimctl pair on the rig and enter the code it shows "
                    + "(if this programmer is already paired with it, leave the code empty)";
        }
        if (detail.contains("has not paired with a rig")) {
            return "This programmer has not paired with a rig yet: run stimctl pair on the rig and enter the code "
                    + "it shows";
        }
        if (detail.contains("revoked")) {
            return "The rig refused this programmer: its certificate was revoked on the rig (" + detail + ")";
        }
        if (detail.contains("unpaired certificate")) {
            return "The rig does not know this programmer (" + detail + "): run stimctl pair on the rig and enter "
                    + "the code it shows";
        }
        return "The rig refused: " + detail;
    }
}
