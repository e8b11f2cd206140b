/**
 * The programmer's drug pump workspace (issue 13): the prescription editor with live validation, the 24-hour dose
 * chart, the refill workflow, alarms, the interrogation report and the patient's bolus remote, over an embedded
 * simulated pump whose time the clinician advances.
 */
package io.dorsal.programmer.pump;
