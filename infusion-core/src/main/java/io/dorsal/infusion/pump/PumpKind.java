package io.dorsal.infusion.pump;

/** A kind of implanted pump: what it holds and how fast it can deliver. */
public sealed interface PumpKind permits PumpKind.Programmable, PumpKind.ConstantFlow {

    /** The reservoir's capacity, in microlitres. */
    double reservoirUl();

    /** Accuracy of delivered volume as a fraction (0.145 for +/-14.5 %). */
    double accuracyFraction();

    /** The name files use. */
    String fileType();

    /**
     * A programmable pump of the SynchroMed II class: a roller driven in strokes of {@code strokeUl}, a rate
     * between {@code minRateUlPerDay} and {@code maxRateUlPerDay}. Figures and sources: docs/pump-format.md.
     */
    record Programmable(double reservoirUl, double minRateUlPerDay, double maxRateUlPerDay, double strokeUl,
                        double accuracyFraction) implements PumpKind {

        /** SynchroMed II reservoirs (label): 20 mL and 40 mL. */
        public static final double SMALL_RESERVOIR_UL = 20_000.0;
        /** See {@link #SMALL_RESERVOIR_UL}. */
        public static final double LARGE_RESERVOIR_UL = 40_000.0;
        /** Lowest programmable flow, 0.048 mL/day (SynchroMed II label). */
        public static final double MIN_RATE_UL_PER_DAY = 48.0;
        /** Highest programmable flow, 24 mL/day (SynchroMed II label). */
        public static final double MAX_RATE_UL_PER_DAY = 24_000.0;
        /** Delivered volume within +/-14.5 % of programmed (SynchroMed II label). */
        public static final double ACCURACY_FRACTION = 0.145;
        /**
         * Volume of one roller stroke: Dorsal's model figure, 0.25 uL (not published in the labelling we could
         * find; at the lowest flow it still gives about eight strokes an hour).
         */
        public static final double STROKE_UL = 0.25;

        public Programmable {
            positive(reservoirUl, "reservoirUl");
            positive(minRateUlPerDay, "minRateUlPerDay");
            positive(strokeUl, "strokeUl");
            if (!(maxRateUlPerDay > minRateUlPerDay)) {
                throw new IllegalArgumentException("maxRateUlPerDay must be above minRateUlPerDay: " + maxRateUlPerDay);
            }
            if (!(accuracyFraction >= 0 && accuracyFraction < 1)) {
                throw new IllegalArgumentException("accuracyFraction must be in [0, 1): " + accuracyFraction);
            }
        }

        /** The labelled pump with a reservoir of {@code reservoirUl}. */
        public static Programmable synchroMedClass(double reservoirUl) {
            return new Programmable(reservoirUl, MIN_RATE_UL_PER_DAY, MAX_RATE_UL_PER_DAY, STROKE_UL,
                    ACCURACY_FRACTION);
        }

        @Override
        public String fileType() {
            return "programmable";
        }
    }

    /**
     * A constant-flow pump (IsoMed, Codman 3000 class): a propellant gas drives the drug through a capillary at a
     * flow set at manufacture, {@code nominalRateUlPerDay} at body temperature and sea-level pressure. The flow is
     * proportional to the pressure difference across the capillary; the gas obeys the gas law, so fever and low
     * ambient pressure (altitude, flights) raise it. {@code drivePressureKpa} is the gauge pressure at the nominal
     * point.
     */
    record ConstantFlow(double reservoirUl, double nominalRateUlPerDay, double drivePressureKpa,
                        double accuracyFraction) implements PumpKind {

        /** The nominal point: body temperature, 37 C. */
        public static final double NOMINAL_TEMPERATURE_C = 37.0;
        /** The nominal point: sea-level pressure, 101.325 kPa. */
        public static final double SEA_LEVEL_KPA = 101.325;
        /** Dorsal's model drive pressure (gauge) at the nominal point; see docs/pump-format.md. */
        public static final double DRIVE_PRESSURE_KPA = 100.0;
        /** Flow within +/-15 % of nominal (Dorsal's model figure, of the order the labelling gives). */
        public static final double ACCURACY_FRACTION = 0.15;
        /** A fever the validator checks against: 40 C. */
        public static final double FEVER_C = 40.0;
        /** An airliner's cabin at 8000 ft: 75.3 kPa (the pressure cabins are certified to keep above). */
        public static final double CABIN_KPA = 75.3;

        private static final double KELVIN = 273.15;

        public ConstantFlow {
            positive(reservoirUl, "reservoirUl");
            positive(nominalRateUlPerDay, "nominalRateUlPerDay");
            positive(drivePressureKpa, "drivePressureKpa");
            if (!(accuracyFraction >= 0 && accuracyFraction < 1)) {
                throw new IllegalArgumentException("accuracyFraction must be in [0, 1): " + accuracyFraction);
            }
        }

        /** A pump of the usual figures with this reservoir and nominal flow. */
        public static ConstantFlow of(double reservoirUl, double nominalRateUlPerDay) {
            return new ConstantFlow(reservoirUl, nominalRateUlPerDay, DRIVE_PRESSURE_KPA, ACCURACY_FRACTION);
        }

        /**
         * The flow at a body temperature and an ambient pressure, in microlitres a day: the gas's absolute pressure
         * scales with absolute temperature, the body outside the capillary sits at the ambient pressure, and the
         * flow follows the difference. Zero when the gas no longer pushes.
         */
        public double rateUlPerDay(double bodyTemperatureC, double ambientKpa) {
            double gasAbsoluteKpa = (SEA_LEVEL_KPA + drivePressureKpa)
                    * (bodyTemperatureC + KELVIN) / (NOMINAL_TEMPERATURE_C + KELVIN);
            double drive = gasAbsoluteKpa - ambientKpa;
            return drive <= 0 ? 0.0 : nominalRateUlPerDay * drive / drivePressureKpa;
        }

        @Override
        public String fileType() {
            return "constantFlow";
        }
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number: " + value);
        }
    }
}
