/** Reports a clinic files: the trial report (HTML and PDF) with its diary plotted. */
package io.dorsal.clinic.report;
