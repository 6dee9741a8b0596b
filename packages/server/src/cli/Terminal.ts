/** Where a command writes: lines for people, and a progress line redrawn in place on a terminal. */
export interface Terminal {
  /** Whether the output is a terminal (progress is redrawn) or a file or pipe (only final lines). */
  readonly isTTY: boolean
  readonly out: (line: string) => void
  /** Writes text to the results' output as it is (an export sent to stdout), no line end added. */
  readonly write: (text: string) => void
  readonly err: (line: string) => void
  /** Redraws the progress line on a terminal; does nothing otherwise. */
  readonly progress: (line: string) => void
  /** Clears the progress line, if one is shown. */
  readonly endProgress: () => void
}

/** The process's terminal: stdout for results and progress, stderr for errors. */
export function processTerminal(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Terminal {
  const isTTY = stdout.isTTY === true
  let shown = false
  let last = 0
  const clear = () => {
    if (shown) stdout.write("\r\x1b[2K")
    shown = false
  }
  return {
    isTTY,
    out: (line) => {
      clear()
      stdout.write(`${line}\n`)
    },
    write: (text) => {
      clear()
      stdout.write(text)
    },
    err: (line) => {
      clear()
      stderr.write(`${line}\n`)
    },
    progress: (line) => {
      if (!isTTY) return
      const now = Date.now()
      if (shown && now - last < 50) return
      last = now
      const width = Math.max(20, (stdout.columns ?? 80) - 1)
      stdout.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`)
      shown = true
    },
    endProgress: clear
  }
}

/** A terminal that keeps what is written, for tests. */
export function recordingTerminal(isTTY = false): Terminal & { readonly lines: Array<string>; readonly errors: Array<string>; readonly progressLines: Array<string>; readonly written: Array<string> } {
  const lines: Array<string> = []
  const written: Array<string> = []
  const errors: Array<string> = []
  const progressLines: Array<string> = []
  return {
    isTTY,
    lines,
    errors,
    progressLines,
    written,
    out: (line) => void lines.push(line),
    write: (text) => void written.push(text),
    err: (line) => void errors.push(line),
    progress: (line) => {
      if (isTTY) progressLines.push(line)
    },
    endProgress: () => {}
  }
}
