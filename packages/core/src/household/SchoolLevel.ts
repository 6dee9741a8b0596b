import { Schema } from "effect"

/**
 * French school levels, in order: maternelle (PS, MS, GS), élémentaire (CP … CM2),
 * collège (6e … 3e) where a town serves it.
 */
export const schoolLevels = ["PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2", "6e", "5e", "4e", "3e"] as const

export const SchoolLevel = Schema.Literal(...schoolLevels).annotations({
  identifier: "SchoolLevel",
  message: () => ({ message: `Le niveau scolaire doit être l'un de : ${schoolLevels.join(", ")}.`, override: true })
})
export type SchoolLevel = typeof SchoolLevel.Type

/** Position of a level in the school course (PS = 0). */
export const rankOf = (level: SchoolLevel): number => schoolLevels.indexOf(level)

/** The cycle a level belongs to. */
export function stageOf(level: SchoolLevel): "maternelle" | "élémentaire" | "collège" {
  const rank = rankOf(level)
  return rank <= 2 ? "maternelle" : rank <= 7 ? "élémentaire" : "collège"
}
