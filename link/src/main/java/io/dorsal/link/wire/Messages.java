package io.dorsal.link.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dorsal.core.json.InputBounds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The messages of the link, as JSON records. */
public final class Messages {

    /** What a message may hold at most (docs/security.md): a frame's 64 KiB, 16 levels, 4,096 list entries. */
    private static final InputBounds BOUNDS = InputBounds.MESSAGE;

    private static final ObjectMapper JSON = JsonMapper.builder(BOUNDS.jsonFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The link protocol this build speaks; the rig says its own in every hello. */
    public static final int PROTOCOL = 1;

    private Messages() {
    }

    /** What a client asks of the generator. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Command.Status.class, name = "status"),
        @JsonSubTypes.Type(value = Command.Apply.class, name = "apply"),
        @JsonSubTypes.Type(value = Command.Amplitude.class, name = "amplitude"),
        @JsonSubTypes.Type(value = Command.Start.class, name = "start"),
        @JsonSubTypes.Type(value = Command.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = Command.StopAll.class, name = "stopAll"),
        @JsonSubTypes.Type(value = Command.ClearFault.class, name = "clearFault"),
        @JsonSubTypes.Type(value = Command.Impedance.class, name = "impedance"),
        @JsonSubTypes.Type(value = Command.Events.class, name = "events"),
        @JsonSubTypes.Type(value = Command.SelectSet.class, name = "selectSet"),
        @JsonSubTypes.Type(value = Command.Pump.Status.class, name = "pumpStatus"),
        @JsonSubTypes.Type(value = Command.Pump.Program.class, name = "pumpProgram"),
        @JsonSubTypes.Type(value = Command.Pump.Refill.class, name = "pumpRefill"),
        @JsonSubTypes.Type(value = Command.Pump.Bolus.class, name = "pumpBolus"),
        @JsonSubTypes.Type(value = Command.Pump.Suspend.class, name = "pumpSuspend"),
        @JsonSubTypes.Type(value = Command.Pump.Resume.class, name = "pumpResume")})
    public sealed interface Command {
        /** The generator's state; changes nothing. */
        record Status() implements Command {
        }

        /**
         * Replace the therapy with a program file's (validated on the rig as if read from a file); a file with program
         * sets is validated set by set, and its active set runs.
         */
        record Apply(@JsonProperty(value = "programFile", required = true) String programFile) implements Command {
            public Apply {
                Objects.requireNonNull(programFile, "apply carries a program file");
            }
        }

        /** Step a program's amplitude by {@code deltaMa} (patients: inside the patient range only). */
        record Amplitude(@JsonProperty(value = "program", required = true) String program,
                         @JsonProperty(value = "deltaMa", required = true) double deltaMa) implements Command {
            public Amplitude {
                Objects.requireNonNull(program, "amplitude names a program");
            }
        }

        /** Therapy on. */
        record Start() implements Command {
        }

        /** Therapy off at the next pulse boundary. */
        record Stop() implements Command {
        }

        /** Every output stopped and safe at once. */
        record StopAll() implements Command {
        }

        /** Clear a fault after reviewing it (clinicians only); therapy stays off until started. */
        record ClearFault() implements Command {
        }

        /** Run the impedance check (clinicians only); the answer carries every contact's result. */
        record Impedance() implements Command {
        }

        /** The generator's event log (clinicians only); the answer carries its entries, oldest first. */
        record Events() implements Command {
        }

        /**
         * Switch to another program set of the therapy (a patient: only a set the clinician allowed); swapped in at a
         * pulse boundary like any change.
         */
        record SelectSet(@JsonProperty(value = "set", required = true) String set) implements Command {
            public SelectSet {
                Objects.requireNonNull(set, "selectSet names a set");
            }
        }

        /**
         * What a client asks of a drug pump the rig serves (issue 13): a patient may read its state and request a
         * bolus; only a clinician may program, refill, suspend or resume it. Every prescription goes through the pump's
         * validator on the rig; a refused one changes nothing.
         */
        sealed interface Pump extends Command {
            /** The pump's state (an interrogation); changes nothing. */
            record Status() implements Pump {
            }

            /** Reprogram without a refill: the reservoir keeps its volume (docs/pump-format.md). */
            record Program(@JsonProperty(value = "prescriptionFile", required = true) String prescriptionFile)
                    implements Pump {
                public Program {
                    Objects.requireNonNull(prescriptionFile, "pumpProgram carries a prescription file");
                }
            }

            /**
             * A refill: the volume drawn back from the reservoir is checked against what the pump expects (a
             * discrepancy refuses it, nothing changed: look before refilling); then the new prescription, with its
             * fill, is validated and started.
             */
            record Refill(@JsonProperty(value = "prescriptionFile", required = true) String prescriptionFile,
                          @JsonProperty(value = "drawnMl", required = true) double drawnMl) implements Pump {
                public Refill {
                    Objects.requireNonNull(prescriptionFile, "pumpRefill carries the new prescription file");
                }
            }

            /** The patient's bolus request, held to the prescription's dose, lockout and daily maximum. */
            record Bolus() implements Pump {
            }

            /** The clinician's STOP: delivery suspended until resumed. */
            record Suspend() implements Pump {
            }

            /** Delivery resumed after a suspend. */
            record Resume() implements Pump {
            }
        }

        /** The command's name in messages and the audit log. */
        default String typeName() {
            return switch (this) {
                case Status s -> "status";
                case Apply a -> "apply";
                case Amplitude a -> "amplitude";
                case Start s -> "start";
                case Stop s -> "stop";
                case StopAll s -> "stopAll";
                case ClearFault c -> "clearFault";
                case Impedance i -> "impedance";
                case Events e -> "events";
                case SelectSet e -> "selectSet";
                case Pump.Status p -> "pumpStatus";
                case Pump.Program p -> "pumpProgram";
                case Pump.Refill p -> "pumpRefill";
                case Pump.Bolus p -> "pumpBolus";
                case Pump.Suspend p -> "pumpSuspend";
                case Pump.Resume p -> "pumpResume";
            };
        }
    }

    /**
     * The rig's first frame on every connection: a session for a paired peer, or a refusal.
     *
     * @param sessionId   the session every request must name; null when refused
     * @param peer        who the rig took the client for
     * @param role        the role the rig grants it
     * @param expiresAtMs when the session ends (epoch ms)
     * @param pairingOpen whether a pairing code is open (an unknown client may then send a pairing request)
     * @param refusal     why there is no session, or null
     * @param protocol    the link protocol the rig speaks ({@link #PROTOCOL}; 0 from rigs older than the field)
     */
    public record Hello(String sessionId, String peer, String role, long expiresAtMs, boolean pairingOpen,
                        String refusal, int protocol) {
    }

    /**
     * A client's request: numbered from 1 in its session, each exactly one more than the last.
     */
    public record Request(@JsonProperty(value = "sessionId", required = true) String sessionId,
                          @JsonProperty(value = "seq", required = true) long seq,
                          @JsonProperty(value = "command", required = true) Command command) {
        public Request {
            Objects.requireNonNull(sessionId, "a request names its session");
            Objects.requireNonNull(command, "a request carries a command");
        }
    }

    /** A program as the rig is running it. */
    public record ProgramState(String name, double amplitudeMa, Double patientMinMa, Double patientMaxMa) {
    }

    /**
     * What the generator is really doing, sent with every answer.
     *
     * @param mode           OFF, RAMPING, ON, CYCLING_OFF or FAULT
     * @param programs       the programs it holds
     * @param batteryPercent capacity left
     * @param batteryDaysLeft days to end of service
     * @param batteryLow     whether the cell is at its elective-replacement level
     * @param faultReason    why it is in FAULT, or null
     * @param programFile    the therapy it holds, as a program file, or null
     * @param deliveredUc    charge delivered since the generator started
     * @param setsFile       the therapy with its program sets (which one is active, which the patient may choose), as
     *                       a program file, or null when it declares none (and from rigs older than the field)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record State(String mode, List<ProgramState> programs, double batteryPercent, double batteryDaysLeft,
                        boolean batteryLow, String faultReason, String programFile, double deliveredUc,
                        String setsFile) {
    }

    /**
     * One broken rule, as the validator or the rig stated it.
     *
     * @param subject what it concerns
     * @param field   the field or contact
     * @param value   the offending value
     * @param limit   the limit
     * @param rule    the rule's name as printed, such as {@code charge density}
     */
    public record Problem(String subject, String field, String value, String limit, String rule) {
    }

    /**
     * What a drug pump the rig serves is really doing, sent with every answer when the rig serves one.
     *
     * @param drug              the drug it is filled with, or null when nothing is programmed
     * @param concentration     the concentration as the prescription states it (such as {@code 2000 mcg/mL}), or null
     * @param reservoirMl       what the pump computes is left
     * @param deliveredMl       delivered since the last fill
     * @param rateMlPerDay      the flow right now
     * @param batteryPercent    battery left
     * @param alarms            the active alarms, most urgent first, each as {@code PRIORITY name: words}
     * @param delivering        whether it delivers (not stopped by its mode, an alarm, MRI or a suspend)
     * @param suspended         stopped by a clinician's suspend
     * @param prescriptionFile  the prescription it runs, as a prescription file, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PumpState(String drug, String concentration, double reservoirMl, double deliveredMl,
                            double rateMlPerDay, double batteryPercent, List<String> alarms, boolean delivering,
                            boolean suspended, String prescriptionFile) {
        public PumpState {
            alarms = alarms == null ? List.of() : List.copyOf(alarms);
        }
    }

    /**
     * One contact's impedance check result.
     *
     * @param measured whether the rig measured it on its outputs (true) or took the therapy file's figure (false);
     *                 absent (null) from a rig older than this field, which only ever gave the file's figure
     */
    public record ContactImpedance(String contact, double impedanceOhm, String status, Boolean measured) {

        /** The file's figure, not measured. */
        public ContactImpedance(String contact, double impedanceOhm, String status) {
            this(contact, impedanceOhm, status, false);
        }

        /** Whether the figure was measured on the rig's outputs. */
        public boolean wasMeasured() {
            return Boolean.TRUE.equals(measured);
        }
    }

    /** One entry of the generator's event log. */
    public record Event(long timeNs, String kind, String who, String message) {
    }

    /**
     * The rig's answer to a request.
     *
     * @param seq       the request's number (0 when the request could not be read)
     * @param ok        whether the command was applied (or, for a read, answered)
     * @param problems  why not: one line each (rule, field, value, limit)
     * @param state     the generator's actual state after the command
     * @param details   the problems, field by field, when they are rule violations
     * @param impedance the impedance check's results, for an impedance command
     * @param events    the generator's event log, for an events command
     * @param pump      the drug pump's state, when the rig serves one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(long seq, boolean ok, List<String> problems, State state, List<Problem> details,
                           List<ContactImpedance> impedance, List<Event> events, PumpState pump) {

        public Response(long seq, boolean ok, List<String> problems, State state) {
            this(seq, ok, problems, state, null, null, null, null);
        }
    }

    /**
     * A pairing request, sent on a pairing connection: proof that the sender knows the code shown on the rig,
     * bound to the two certificates each side saw in the TLS handshake.
     *
     * @param name  the client's name
     * @param proof HMAC-SHA256 keyed by the code over the rig's and the client's certificate fingerprints
     */
    public record PairRequest(@JsonProperty(value = "name", required = true) String name,
                              @JsonProperty(value = "proof", required = true) String proof) {
        public PairRequest {
            Objects.requireNonNull(name, "a pairing request names its sender");
            Objects.requireNonNull(proof, "a pairing request carries its proof");
        }
    }

    /** The answer to a pairing request; on success, the role granted and the rig's own proof. */
    public record PairResponse(boolean ok, String role, String proof, String problem) {
    }

    public static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("our own messages encode", e);
        }
    }

    public static <T> T decode(byte[] frame, Class<T> type) throws FrameException {
        if (frame == null) {
            throw new FrameException("the connection ended before a " + type.getSimpleName());
        }
        if (frame.length > BOUNDS.maxBytes()) {
            throw new FrameException("not a " + type.getSimpleName() + ": " + BOUNDS.sizeProblem());
        }
        Optional<InputBounds.Exceeded> exceeded = BOUNDS.exceeded(new String(frame, StandardCharsets.UTF_8));
        if (exceeded.isPresent()) {
            throw new FrameException("not a " + type.getSimpleName() + ": " + exceeded.get().describe());
        }
        try {
            T value = JSON.readValue(frame, type);
            if (value == null) {
                throw new FrameException("empty message");
            }
            return value;
        } catch (ValueInstantiationException e) {
            // a record refused a missing part: say which, in its own words
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new FrameException("not a " + type.getSimpleName() + ": "
                    + firstLine(String.valueOf(why.getMessage())));
        } catch (IOException e) {
            throw new FrameException("not a " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
