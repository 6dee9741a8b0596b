#!/usr/bin/env -S npx tsx
/**
 * The `spe` command: `migrate`, `seed`, `bill --month AAAA-MM [--issue]`, `help`. Run it from the
 * repository's root with `npm run spe -- <commande>`.
 */
import "reflect-metadata"
import { runCli } from "../cli/Main.js"

for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0)
  })

process.exit(await runCli(process.argv.slice(2)))
