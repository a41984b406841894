#!/bin/sh
# `habeas` with one Node start-up: runs bin/habeas.js directly on the Node 24 that `npm install` put in
# node_modules (bin/habeas.js on an older system Node would start it as a second process; npx adds npm's own).
here=$(dirname "$(readlink -f "$0")")
node="$here/../node_modules/node/bin/node"
[ -x "$node" ] || node=node
exec "$node" "$here/habeas.js" "$@"
