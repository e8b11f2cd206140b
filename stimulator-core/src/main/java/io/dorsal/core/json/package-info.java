/**
 * What every reader of outside JSON shares, whatever the form (the program file, the prescription file, the pin
 * maps, the link's messages): the bounds of what is read ({@link io.dorsal.core.json.InputBounds}) and a strict
 * reader's errors in words, one line with their line, column and path ({@link io.dorsal.core.json.JsonProblems},
 * {@link io.dorsal.core.json.JsonProblem}, {@link io.dorsal.core.json.JsonFileException}). Knows no device: the
 * infusion-core uses it as it uses {@code io.dorsal.core.time}.
 */
package io.dorsal.core.json;
