// Public face of the twin's plane geometry (local metres).
export { lineLengthM, pointInRing, ringAreaM2 } from './planar.ts';
