/** "1 ticket", "3 tickets". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
