package io.dorsal.programmer.theme;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Where the programmer's look is remembered: the user's preferences, or nowhere (tests, screenshot runs). */
public interface SettingsStore {

    Optional<String> get(String key);

    void put(String key, String value);

    /** The user's preferences under {@code node} (java.util.prefs: ~/.java/.userPrefs on Linux). */
    static SettingsStore preferences(Preferences node) {
        return new SettingsStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(node.get(key, null));
            }

            @Override
            public void put(String key, String value) {
                node.put(key, value);
                try {
                    node.flush();
                } catch (BackingStoreException e) {
                    // not remembered for next time; this session keeps the choice
                    System.err.println("programmer: could not remember " + key + ": " + e.getMessage());
                }
            }
        };
    }

    /** Kept for this run only. */
    static SettingsStore memory() {
        Map<String, String> values = new HashMap<>();
        return new SettingsStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void put(String key, String value) {
                values.put(key, value);
            }
        };
    }
}
