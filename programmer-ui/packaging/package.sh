#!/usr/bin/env bash
# package.sh: makes the clinician programmer installable with jpackage (JDK 25+): an app image
# (programmer-ui/target/jpackage/dorsal-programmer/, runs in place) and a Debian package
# (programmer-ui/target/jpackage/dorsal-programmer_VERSION-1_amd64.deb: installs to /opt/dorsal-programmer with a
# menu entry and its icon). Run after `mvn -B -DskipTests package` (or through `mvn -B -Ppackage -DskipTests package`,
# which calls it). Options: --app-image-only (skip the .deb: no dpkg-deb/fakeroot needed).
# The .deb needs dpkg-deb and fakeroot (Debian/Ubuntu: apt-get install -y fakeroot). See docs/packaging.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$(dirname "$here")"
target="$module/target"
out="$target/jpackage"
name="dorsal-programmer"
min_version=25
app_image_only=false
[[ "${1:-}" == "--app-image-only" ]] && app_image_only=true

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

find_jdk() {
  # a JDK (with jpackage) of at least $min_version: $JAVA_HOME, the PATH's java, then the usual install folders
  local homes=() dir
  [[ -n "${JAVA_HOME:-}" ]] && homes+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && homes+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    homes+=("$dir")
  done
  for dir in "${homes[@]}"; do
    if [[ -x "$dir/bin/jpackage" && -x "$dir/bin/java" ]]; then
      local v; v="$(java_major "$dir/bin/java" || true)"
      if [[ -n "$v" && "$v" -ge "$min_version" ]]; then echo "$dir"; return 0; fi
    fi
  done
  return 1
}

jdk="$(find_jdk || true)"
if [[ -z "$jdk" ]]; then
  echo "package: no JDK $min_version or newer with jpackage found (JAVA_HOME, the PATH, /usr/lib/jvm, /opt, ~/.jdks)." >&2
  exit 3
fi
if [[ ! -f "$target/programmer-ui.jar" ]] || ! compgen -G "$target/lib/javafx-graphics-*-linux.jar" >/dev/null; then
  echo "package: the programmer is not built; build it first with: mvn -B -DskipTests package" >&2
  exit 3
fi

core_jar="$(compgen -G "$target/lib/stimulator-core-*.jar" | head -n1)"
version="$(basename "$core_jar" .jar)"; version="${version#stimulator-core-}"   # e.g. 0.1.0-SNAPSHOT
app_version="${version%%-*}"                                                     # jpackage wants numbers: 0.1.0

# the input: the app and its libraries, on the class path; JavaFX (its platform jars only) is linked into the
# app's own Java runtime, with the JDK modules the app uses (jdeps --print-module-deps, plus jdk.unsupported for
# JavaFX and java.logging for the libraries)
rm -rf "$out"
mkdir -p "$out/input" "$out/javafx"
cp "$target/programmer-ui.jar" "$out/input/"
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar) cp "$jar" "$out/javafx/" ;;
    javafx-*) ;;  # the empty, platform-less JavaFX jars
    *) cp "$jar" "$out/input/" ;;
  esac
done
modules="java.base,java.desktop,java.logging,java.naming,java.prefs,java.sql,jdk.unsupported,javafx.controls"

common=(
  --name "$name"
  --app-version "$app_version"
  --vendor "Dorsal"
  --description "Dorsal clinician programmer: a model of a spinal cord stimulator's programmer (not a medical device)"
  --copyright "Dorsal contributors"
  --icon "$here/linux/$name.png"
)
"$jdk/bin/jpackage" --type app-image --dest "$out" "${common[@]}" \
  --input "$out/input" --main-jar programmer-ui.jar --main-class io.dorsal.programmer.Main \
  --module-path "$out/javafx" --add-modules "$modules" \
  --java-options '--enable-native-access=javafx.graphics,ALL-UNNAMED' \
  --jlink-options '--strip-debug --no-header-files --no-man-pages --strip-native-commands'
echo "package: app image $out/$name (run $out/$name/bin/$name)"

if [[ "$app_image_only" == true ]]; then
  exit 0
fi
for tool in dpkg-deb fakeroot; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "package: $tool is missing for the .deb; install it with: apt-get install -y fakeroot dpkg (or use --app-image-only)" >&2
    exit 3
  fi
done
"$jdk/bin/jpackage" --type deb --dest "$out" "${common[@]}" \
  --app-image "$out/$name" \
  --resource-dir "$here/linux" \
  --linux-package-name "$name" \
  --linux-app-release 1 \
  --linux-deb-maintainer "dorsal@example.org" \
  --linux-app-category science \
  --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
  --linux-shortcut
deb="$(compgen -G "$out/${name}_*.deb" | head -n1)"
echo "package: Debian package $deb (install with: sudo apt-get install $deb)"
