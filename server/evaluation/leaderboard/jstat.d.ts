// jstat ships no types; only what the leaderboard statistics use.
declare module "jstat" {
  const jStat: {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    normal: { inv(p: number, mean: number, std: number): number };
  };
  export default jStat;
}
