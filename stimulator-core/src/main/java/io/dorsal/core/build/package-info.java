/** What build this is: version, git commit and build time, written into the jar by the build (docs/packaging.md). */
package io.dorsal.core.build;
