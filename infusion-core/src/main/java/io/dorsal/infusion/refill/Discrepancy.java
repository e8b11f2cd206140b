package io.dorsal.infusion.refill;

/** What the volume drawn back at a refill says, against the volume the pump expected. */
public enum Discrepancy {
    WITHIN("within tolerance", "none"),
    LESS_THAN_EXPECTED("less returned than expected",
            "over-delivery, a leak at the catheter or pump, or a reservoir that could not be fully aspirated"),
    MORE_THAN_EXPECTED("more returned than expected",
            "under-delivery: motor stall, a pump fault or delivery stopped for a time; watch for withdrawal"),
    NO_RETURN("nothing returned",
            "the needle may not be in the reservoir: do not inject (a pocket fill is an overdose hazard); check the needle's position");

    private final String words;
    private final String likelyCauses;

    Discrepancy(String words, String likelyCauses) {
        this.words = words;
        this.likelyCauses = likelyCauses;
    }

    public String words() {
        return words;
    }

    public String likelyCauses() {
        return likelyCauses;
    }
}
