#!/usr/bin/env node
// The installed `lifeboat` command: runs the compiled CLI.
require("../dist/main.js");
