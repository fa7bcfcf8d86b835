// Every word of the ensemble report in Chinese and English, one key giving both (as report-strings.ts does for the
// run report, whose KPI, kind and map words it reuses). `{name}` marks a value filled in by `etr`.
import type { Lang } from '../report-strings.ts';

const T = {
  title: ['集合推演报告', 'Ensemble report'],
  sub: [
    '集合 {name} · {members} 个成员（完成 {completed}，失败 {failed}）· 代码版本 {code}',
    'Ensemble {name} · {members} members ({completed} completed, {failed} failed) · code {code}',
  ],
  secSetup: ['集合设置', 'The ensemble'],
  secProb: ['积水概率', 'Probability of flooding'],
  secQuant: ['最大水深的中位数与第 90 百分位', 'Median and 90th percentile of the maximum depth'],
  secHotspots: ['易积水点', 'Hotspots'],
  secFleet: ['车队方案的评效分布', 'Fleet options: KPI distributions'],
  secCurve: ['车队规模曲线与建议', 'Fleet-size curve and recommendation'],
  secMembers: ['成员', 'Members'],
  setupLead: [
    '以情景「{base}」为基础，按下列各轴取值{how}，共 {members} 个成员；每个成员网格 {cell}，各自完整模拟并写出运行记录，以下统计只读取这些记录。',
    'Each member is the scenario “{base}” with one value of every axis below, {how}: {members} members, each on {cell} cells, each run in full to its own record; everything below is read from those records.',
  ],
  crossed: ['全组合', 'every combination'],
  sampled: ['从全组合中按种子 {seed} 抽取 {n} 个', '{n} drawn from every combination with seed {seed}'],
  inlineBase: ['（内联情景）', '(inline scenario)'],
  thAxis: ['轴', 'Axis'],
  thValues: ['取值', 'Values'],
  axis_rain: ['降雨', 'rain'],
  axis_trackOffsetM: ['台风路径平移（米，东为正）', 'typhoon track offset (m, east +)'],
  axis_river: ['河道水位', 'river'],
  axis_pumpFailures: ['泵站故障', 'pump failures'],
  axis_seed: ['随机种子', 'seed'],
  axis_policy: ['调度策略', 'dispatch policy'],
  axis_prePosition: ['暴雨前预置', 'pre-positioned'],
  axis_fleetSize: ['泵车数量', 'trucks'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  failedNote: [
    '{n} 个成员失败，未计入统计（原因见“成员”一节）。',
    '{n} members failed and are not counted (their errors are under “Members”).',
  ],
  noCompleted: ['没有成员完成，无法统计。', 'No member completed, so there is nothing to aggregate.'],
  probLegend: ['最大水深超过 {d} 的概率', 'Probability that the maximum depth passed {d}'],
  probAria: [
    '{district} 最大水深超过 {d} 的概率图',
    'Map of the probability that the maximum depth passed {d} in {district}',
  ],
  probLt25: ['< 25 %', '< 25 %'],
  prob25to50: ['25–50 %', '25–50 %'],
  prob50to75: ['50–75 %', '50–75 %'],
  probGe75: ['≥ 75 %', '≥ 75 %'],
  probNever: ['所有成员均未超过（0 %）不着色', 'never passed (0 %): not coloured'],
  probCaption: [
    '每格的值为 {n} 个完成成员中最大水深超过 {d} 的比例。至少一半成员超过的面积 {half}，所有成员都超过的面积 {all}。',
    'Each cell is the share of the {n} completed members whose maximum depth there passed {d}. Passed in at least half the members: {half}; in every member: {all}.',
  ],
  quantLegend: ['最大水深第 {q} 百分位', 'Maximum depth, {q}th percentile'],
  quantAria: ['{district} 最大水深第 {q} 百分位图', 'Map of the {q}th percentile of the maximum depth in {district}'],
  quantCaption: [
    '每格为各成员最大水深的第 {q} 百分位（线性插值）。超过 {alarm} 的面积 {area}。',
    'Each cell is the {q}th percentile (linear interpolation) of the members’ maximum depth there. Deeper than {alarm}: {area}.',
  ],
  hotspotDotsNote: [
    '圆点为易积水点，颜色为其最大水深中位数的等级（白色为中位数未积水）；深棕色线为防汛墙。',
    'Dots are hotspots, coloured by the class of their median peak depth (white: dry in the median member); the dark brown line is the flood wall.',
  ],
  hotspotsLead: [
    '各易积水点在完成成员中的最大水深与开始积水时间分布。箱体为第 10–90 百分位，中线为中位数，须线为最小与最大值。按最大水深第 90 百分位排序，图中列出前 {n} 个（共 {total} 个）。',
    'Peak depth and first-wet time of each hotspot over the completed members. Boxes span the 10th–90th percentiles, the line is the median, whiskers the minimum and maximum. Sorted by the 90th percentile of peak depth; the charts show the first {n} of {total}.',
  ],
  peakChart: ['最大水深（厘米）', 'peak depth (cm)'],
  firstWetChart: ['开始积水时间（模拟时间）', 'first wet (simulated time)'],
  alarmLine: ['报警 {d}', 'alarm {d}'],
  thHotspot: ['编号', 'Hotspot'],
  thName: ['名称', 'Name'],
  thWetShare: ['积水成员比例', 'Wet in'],
  thPeakMedian: ['最大水深中位数', 'Peak, median'],
  thPeakP90: ['最大水深 P90', 'Peak, P90'],
  thPeakMax: ['最大水深最大值', 'Peak, max'],
  thFirstWet: ['开始积水（中位数，P10–P90）', 'First wet (median, P10–P90)'],
  fleetLead: [
    '每个车队方案在它遇到的所有暴雨下的指标分布（箱体第 10–90 百分位，中线中位数，须线最小与最大值）。表中为中位数与第 10–90 百分位。',
    'Each fleet option’s KPIs over every storm it met (boxes: 10th–90th percentiles, line: median, whiskers: minimum and maximum). The table gives the median and the 10th–90th percentiles.',
  ],
  thOption: ['车队方案', 'Fleet option'],
  thMembersN: ['成员数', 'Members'],
  baseFleet: ['基础车队', 'the base fleet'],
  optTrucks: ['{n} 辆泵车', '{n} trucks'],
  optPre: ['预置', 'pre-positioned'],
  optDepot: ['从车库出发', 'from depots'],
  optPolicy: ['{p}调度', '{p} dispatch'],
  policy_optimal: ['最优分配', 'optimal'],
  policy_nearest: ['就近派车', 'nearest-truck'],
  policy_manual: ['人工', 'manual'],
  noCurve: [
    '集合没有“泵车数量”轴，因此没有车队规模曲线。',
    'The ensemble has no fleetSize axis, so there is no fleet-size curve.',
  ],
  curveLead: [
    '横轴为泵车数量，箱体为该规模下所有暴雨中「{kpi}」的分布（第 10–90 百分位，须线最小与最大值），折线为规则所用的第 {q} 百分位。',
    'Trucks across; each box is “{kpi}” over every storm met by that fleet (10th–90th percentiles, whiskers minimum and maximum); the line is the {q}th percentile the rule uses.',
  ],
  curveSeries: ['第 {q} 百分位', '{q}th percentile'],
  trucksAxis: ['泵车数量', 'trucks'],
  recommend: ['建议：{n} 辆泵车', 'Recommendation: {n} trucks'],
  recommendNone: ['无法给出建议：没有规模有完成的成员。', 'No recommendation: no size had a completed member.'],
  rule: [
    '规则：「{kpi}」在各暴雨中的第 {q} 百分位不超过最大车队（{max} 辆）的 {factor} 倍{slack}的最小车队；目标值 {target}。',
    'Rule: the smallest fleet whose {q}th percentile of “{kpi}” over the storms is at most the largest fleet’s ({max} trucks) × {factor}{slack}; target {target}.',
  ],
  ruleSlack: [' 再加 {s}', ' + {s}'],
  uncertainty: [
    '不确定性：对每个规模遇到的暴雨有放回重抽样 {b} 次（种子 {seed}），建议规模的 90 % 区间为 {low}–{high} 辆；各规模被选中的比例：{shares}。',
    'Uncertainty: resampling the storms each size met {b} times (seed {seed}), the recommended size’s 90 % range is {low}–{high} trucks; how often each size was chosen: {shares}.',
  ],
  uncertaintyNone: ['未做重抽样（bootstrap 为 0）。', 'No resampling was asked for (bootstrap 0).'],
  honest: [
    '箱体越低越好；未到场的工单计至推演结束（右删失），少服务不会让指标变好。',
    'Lower is better; a case never reached counts until the end of the run (right-censored), so serving fewer cases never makes a KPI look better.',
  ],
  membersNote: [
    '列出前 {n} 个成员（共 {total} 个）；全部成员见 ensemble.json。',
    'The first {n} of {total} members; every member is in ensemble.json.',
  ],
  thMember: ['成员', 'Member'],
  thStatus: ['状态', 'Status'],
  status_completed: ['完成', 'completed'],
  status_failed: ['失败', 'failed'],
  footer: [
    '由 rivertwin {version} 根据各成员的运行记录汇总生成，未重新模拟。地形与设施为模型推定。',
    'Made by rivertwin {version} from the members’ run records, without re-simulating. Terrain and assets modelled.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

/** A key of the ensemble report's table. */
export type EnsembleStringKey = keyof typeof T;

/** The text for `key` in `lang`, with `{name}` replaced by `params.name`. */
export function etr(lang: Lang, key: EnsembleStringKey, params: Record<string, string | number> = {}): string {
  const text = T[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `etr` for a key built at run time; `fallback` when the table lacks it. */
export function etrMaybe(lang: Lang, key: string, fallback: string): string {
  return key in T ? etr(lang, key as EnsembleStringKey) : fallback;
}

/** Every key, for the test that both languages are filled in. */
export function ensembleStringKeys(): EnsembleStringKey[] {
  return Object.keys(T) as EnsembleStringKey[];
}

/** The raw pair of a key (tests). */
export function ensembleStringPair(key: EnsembleStringKey): readonly [string, string] {
  return T[key];
}
