// The radial rain profile of a typhoon 台风 band, after R-CLIPER (Tuleya et al. 2007; Lonfat et al. 2004):
// rising linearly from the centre to a peak at the radius of maximum rain, decaying exponentially beyond it.
import { SimulationError } from '../errors.ts';

/**
 * Shape of a typhoon's rain around its centre. With r the distance from the centre (m):
 *   rate(r) = Tm (c + (1 − c) r / R)        for r < R
 *   rate(r) = Tm exp(−(r − R) / re)          for r ≥ R
 * (the symmetric R-CLIPER profile, T0 = c·Tm). Optional spiral bands multiply the rate outside R by
 * 1 + a·ramp·cos(m ψ), ψ = θ + ln(r/R)/tan(pitch), ramp = min(1, (r − R)/R): m logarithmic arms trailing
 * anticlockwise rotation (northern hemisphere), fading in from R so the profile stays continuous. The cosine
 * averages to zero round each circle, so the bands move rain about without changing the azimuthal mean.
 */
export interface TyphoonProfile {
  /** Tm: peak rain rate (mm/h), at the radius of maximum rain. */
  peakMmPerH: number;
  /** R: radius of maximum rain (m). */
  radiusMaxRainM: number;
  /** c = T0/Tm: rain at the centre as a fraction of the peak, in [0, 1]. R-CLIPER gives about 0.85. */
  centreRatio: number;
  /** re: e-folding distance (m) of the decay outside R. R-CLIPER gives about 3–4 R. */
  efoldM: number;
  /** a: spiral band amplitude in [0, 1]; 0 (the default) turns the bands off. */
  spiralAmplitude: number;
  /** m: number of spiral arms (whole number ≥ 1). */
  spiralArms: number;
  /** Pitch angle of the arms (degrees, 0–90 exclusive); observed bands are about 10–25°. */
  spiralPitchDeg: number;
}

/** Defaults for the optional profile fields; the ratios follow R-CLIPER near 85 kt (U ≈ 2.5). */
export const TYPHOON_PROFILE_DEFAULTS = Object.freeze({
  centreRatio: 0.85,
  efoldRadii: 3.5,
  spiralAmplitude: 0,
  spiralArms: 2,
  spiralPitchDeg: 20,
});

/** Profile fields a caller gives: the peak and radius, the rest optional. */
export type TyphoonProfileInput = Pick<TyphoonProfile, 'peakMmPerH' | 'radiusMaxRainM'> &
  Partial<Omit<TyphoonProfile, 'peakMmPerH' | 'radiusMaxRainM'>>;

/**
 * Fills in defaults and validates a profile.
 * @throws SimulationError naming the field at fault.
 */
export function resolveTyphoonProfile(p: TyphoonProfileInput, input = 'typhoon'): TyphoonProfile {
  const d = TYPHOON_PROFILE_DEFAULTS;
  const out: TyphoonProfile = {
    peakMmPerH: p.peakMmPerH,
    radiusMaxRainM: p.radiusMaxRainM,
    centreRatio: p.centreRatio ?? d.centreRatio,
    efoldM: p.efoldM ?? d.efoldRadii * p.radiusMaxRainM,
    spiralAmplitude: p.spiralAmplitude ?? d.spiralAmplitude,
    spiralArms: p.spiralArms ?? d.spiralArms,
    spiralPitchDeg: p.spiralPitchDeg ?? d.spiralPitchDeg,
  };
  const check = (ok: boolean, field: keyof TyphoonProfile, what: string, hint?: string): void => {
    if (!ok) throw new SimulationError(`${field} ${String(out[field])} ${what}`, { input, field }, hint);
  };
  check(Number.isFinite(out.peakMmPerH) && out.peakMmPerH >= 0, 'peakMmPerH', 'must be a rain rate ≥ 0 mm/h');
  check(
    Number.isFinite(out.radiusMaxRainM) && out.radiusMaxRainM > 0,
    'radiusMaxRainM',
    'must be positive (m)',
    'typhoon rain peaks some 20–60 km from the centre',
  );
  check(out.centreRatio >= 0 && out.centreRatio <= 1, 'centreRatio', 'must lie between 0 and 1');
  check(Number.isFinite(out.efoldM) && out.efoldM > 0, 'efoldM', 'must be positive (m)');
  check(out.spiralAmplitude >= 0 && out.spiralAmplitude <= 1, 'spiralAmplitude', 'must lie between 0 and 1');
  check(Number.isInteger(out.spiralArms) && out.spiralArms >= 1, 'spiralArms', 'must be a whole number ≥ 1');
  check(out.spiralPitchDeg > 0 && out.spiralPitchDeg < 90, 'spiralPitchDeg', 'must lie strictly between 0 and 90');
  return out;
}

/** Rain rate (mm/h) at offset (dxM east, dyM north) from the storm centre. Pure, allocation-free. */
export function typhoonRateMmPerH(p: TyphoonProfile, dxM: number, dyM: number): number {
  const r = Math.sqrt(dxM * dxM + dyM * dyM);
  const R = p.radiusMaxRainM;
  if (r < R) return p.peakMmPerH * (p.centreRatio + ((1 - p.centreRatio) * r) / R);
  const base = p.peakMmPerH * Math.exp(-(r - R) / p.efoldM);
  if (p.spiralAmplitude === 0 || r === R) return base;
  const ramp = r >= 2 * R ? 1 : (r - R) / R;
  const psi = Math.atan2(dyM, dxM) + Math.log(r / R) / Math.tan((p.spiralPitchDeg * Math.PI) / 180);
  return base * (1 + p.spiralAmplitude * ramp * Math.cos(p.spiralArms * psi));
}

/**
 * R-CLIPER's climatological profile for a storm of maximum sustained wind `maxWindKt` (knots, 35–160), with the
 * bias-adjusted coefficients of Tuleya et al. (2007): U = 1 + (Vmax − 35)/33; T0 = −1.10 + 3.96U,
 * Tm = −1.60 + 4.80U (inch/day); rm = 64 − 13U, re = 150 − 16U (km). Climatological means are far below the
 * bursts of a Shanghai rainstorm: use it for the shape and scale `peakMmPerH` to the event.
 */
export function rcliperProfile(maxWindKt: number): TyphoonProfileInput {
  if (!(maxWindKt >= 35 && maxWindKt <= 160))
    throw new SimulationError(
      `maximum wind ${maxWindKt} kt is outside R-CLIPER's 35–160 kt`,
      { input: 'R-CLIPER', field: 'maxWindKt' },
      'give the storm’s maximum sustained wind in knots',
    );
  const U = 1 + (maxWindKt - 35) / 33;
  const inchPerDayToMmPerH = 25.4 / 24;
  const t0 = (-1.1 + 3.96 * U) * inchPerDayToMmPerH;
  const tm = (-1.6 + 4.8 * U) * inchPerDayToMmPerH;
  const rmKm = 64 - 13 * U;
  return {
    peakMmPerH: tm,
    radiusMaxRainM: rmKm * 1000,
    centreRatio: Math.min(1, t0 / tm),
    efoldM: (150 - 16 * U) * 1000,
  };
}
