package io.dorsal.cli;

import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Peer;
import io.dorsal.link.identity.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl peers [list | revoke NAME]}: whom an identity trusts. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Lists the peers an identity paired with, or revokes one (refused from its next request on).")
final class PeersCommand implements Callable<Integer> {

    @Option(names = "--identity", paramLabel = "DIR", description = "the identity (default ~/.dorsal/rig)")
    Path identity;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "list", description = "list or revoke")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the peer to revoke")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Identity id = Identity.openOrCreate(identity != null ? identity : LinkPaths.defaultRigIdentity(),
                LinkPaths.defaultName("dorsal-rig"), Role.RIG);
        switch (action) {
            case "list" -> {
                List<Peer> peers = id.peers();
                if (peers.isEmpty()) {
                    out.println("no peers");
                }
                for (Peer p : peers) {
                    out.printf("%-28s %-10s %s  paired %s%s%n", p.name(), p.role(), p.fingerprint().substring(0, 16),
                            Instant.ofEpochMilli(p.pairedAtMs()), p.revoked() ? "  REVOKED" : "");
                }
                return 0;
            }
            case "revoke" -> {
                if (name == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "name the peer to revoke");
                }
                if (!id.revoke(name)) {
                    spec.commandLine().getErr().println("stimctl: no trusted peer named '" + name + "'");
                    return Stimctl.EXIT_REFUSED;
                }
                out.println("revoked '" + name + "': refused from now on");
                return 0;
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "ACTION is list or revoke, was " + action);
        }
    }
}
