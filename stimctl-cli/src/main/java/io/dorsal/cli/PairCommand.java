package io.dorsal.cli;

import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stimctl pair}: on the rig, opens a pairing window and shows its one-time code. */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {"On the rig: shows a one-time pairing code for the next programmer or patient remote.",
            "The code works once, for " + Pairing.CODE_LIFETIME_MS / 1000 + " s; enter it on the programmer, or:",
            "  stimctl remote --connect HOST:PORT --identity DIR pair CODE"})
final class PairCommand implements Callable<Integer> {

    @Option(names = "--identity", paramLabel = "DIR", description = "the rig's identity (default ~/.dorsal/rig)")
    Path identity;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "clinician",
            description = "what the peer may do: clinician (default) or patient")
    String role;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Role granted = switch (role.toLowerCase(Locale.ROOT)) {
            case "clinician" -> Role.CLINICIAN;
            case "patient" -> Role.PATIENT;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--role is clinician or patient, was " + role);
        };
        Path dir = identity != null ? identity : LinkPaths.defaultRigIdentity();
        Identity rig = Identity.openOrCreate(dir, LinkPaths.defaultName("dorsal-rig"), Role.RIG);
        Pairing.Ticket ticket = Pairing.open(rig, granted, System.currentTimeMillis());
        spec.commandLine().getOut().println("pairing code " + ticket.code() + " for a " + role.toLowerCase(Locale.ROOT)
                + ", valid once until " + Instant.ofEpochMilli(ticket.expiresAtMs()));
        spec.commandLine().getOut().println("rig certificate " + rig.fingerprint());
        return 0;
    }
}
