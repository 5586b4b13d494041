/** Counts of answers by value (rating 1–5, score 0–10, an option's id). */
export type ValueCounts = Readonly<Record<string, number>>;

const total = (counts: ValueCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** The mean of a rating's or a score's answers, two decimals; undefined with no answers. */
export function averageScore(counts: ValueCounts): number | undefined {
  const n = total(counts);
  if (n === 0) return undefined;
  const sum = Object.entries(counts).reduce((acc, [value, count]) => acc + Number(value) * count, 0);
  return Math.round((sum / n) * 100) / 100;
}

/** Net Promoter Score: promoters (9–10) minus detractors (0–6), in % of the answers, −100 to 100; undefined with no answers. */
export function npsScore(counts: ValueCounts): number | undefined {
  const n = total(counts);
  if (n === 0) return undefined;
  let promoters = 0;
  let detractors = 0;
  for (const [value, count] of Object.entries(counts)) {
    if (Number(value) >= 9) promoters += count;
    else if (Number(value) <= 6) detractors += count;
  }
  return Math.round(((promoters - detractors) / n) * 1000) / 10;
}

/** CSAT: the share of ratings 4 and 5, in %; undefined with no answers. */
export function csatScore(counts: ValueCounts): number | undefined {
  const n = total(counts);
  if (n === 0) return undefined;
  const satisfied = (counts['4'] ?? 0) + (counts['5'] ?? 0);
  return Math.round((satisfied / n) * 1000) / 10;
}

/** Answered of sent, in %, one decimal; 0 when nothing was sent. */
export const responseRate = (sent: number, answered: number): number => (sent === 0 ? 0 : Math.round((answered / sent) * 1000) / 10);
