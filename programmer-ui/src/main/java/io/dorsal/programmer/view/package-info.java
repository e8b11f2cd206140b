/** The programmer's views, built in code (no FXML) and bound to the view-models of {@code model}. */
package io.dorsal.programmer.view;
