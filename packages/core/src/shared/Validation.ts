import { Either, ParseResult, Schema } from "effect"

/**
 * The input a person gave was refused by a validation rule. `problems` lists each refused field
 * with a message in French that says what to write instead.
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  subject: Schema.String,
  problems: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {
  override get message(): string {
    return `${this.subject} : ${this.problems.map((p) => (p.path ? `${p.path} — ${p.message}` : p.message)).join(" ; ")}`
  }
}

/**
 * Decodes unknown input with a schema and turns every parse issue into a French message naming
 * the field: the one way the core validates what people type.
 */
export function validate<A, I>(schema: Schema.Schema<A, I>, subject: string) {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
  return (input: unknown): Either.Either<A, InvalidInput> =>
    Either.mapLeft(decode(input), (error) =>
      new InvalidInput({
        subject,
        problems: ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message
        }))
      })
    )
}
