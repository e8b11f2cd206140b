/** The patient the programmer programs and their clinic records: opening a patient, and writing what a session does. */
package io.dorsal.programmer.records;
