/**
 * View-models of the programmer: the clinician's draft therapy, its live validation, edits as undoable
 * commands, the session log, the preview, impedances and the patient remote. They hold JavaFX properties
 * but no nodes, and are tested without a robot.
 */
package io.dorsal.programmer.model;
