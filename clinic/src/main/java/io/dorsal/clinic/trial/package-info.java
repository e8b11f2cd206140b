/**
 * The trial workflow: a trial started on a trial device, its daily diary, the judgement against the trial's
 * criterion, and the programs carried to the permanent implant (contacts re-mapped, every program re-validated
 * against the implant's limits, the differences shown before anything is applied).
 */
package io.dorsal.clinic.trial;
