package io.dorsal.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a benchmark the gate judges: the real-time path, and the preview's redraw a clinician waits for. The gate ({@link io.dorsal.bench.gate.GateCheck}) fails when such a
 * benchmark allocates (JMH's {@code gc.alloc.rate.norm} above
 * {@link io.dorsal.bench.gate.GateCheck#MAX_ALLOC_BYTES_PER_OP})
 * or, when {@link #floor()} names the floor beside it, when it costs more than {@link #maxRatioToFloor()} times
 * that floor. The bounds are justified in docs/performance.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HotPath {

    /** The benchmark method of the same class that does the least work the same output needs; empty for none. */
    String floor() default "";

    /** Most this benchmark may cost, in multiples of its floor (same parameters, same run). */
    double maxRatioToFloor() default Double.POSITIVE_INFINITY;

    /**
     * Most this benchmark may allocate a operation, in bytes: a real-time path nothing (JMH's noise only, 0.1 B/op);
     * work off the real-time thread that allocates by design (the preview's sample) its stated budget.
     */
    double maxBytesPerOp() default 0.1;
}
