package io.dorsal.clinic.db;

/**
 * What {@link ClinicDatabase#verify()} found: intact with {@code entries} entries ending at {@code lastHash}, or
 * not intact at entry {@code badSeq} for {@code problem}.
 */
public record ChainCheck(boolean intact, long entries, String lastHash, long badSeq, String problem) {

    static ChainCheck intact(long entries, String lastHash) {
        return new ChainCheck(true, entries, lastHash, 0, "");
    }

    static ChainCheck broken(long entries, long badSeq, String problem) {
        return new ChainCheck(false, entries, "", badSeq, problem);
    }
}
