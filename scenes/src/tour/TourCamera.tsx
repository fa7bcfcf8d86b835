// The tour's camera, inside the 3D canvas: each frame drawn, it flies to the pose the tour has at the app clock's
// moment (keyframes eased in and out), with the map controls switched off so no visitor can pull it away.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { cameraAt, type Pose } from '../../../simulation/tour/index.ts';
import { noteFrameDrawn, tourNowS, tourStore } from './tour-player.ts';

interface ControlsLike {
  enabled: boolean;
  target: { set(x: number, y: number, z: number): void };
}

export default function TourCamera() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as unknown as ControlsLike | null;
  const pose = useRef<Pose>({ position: [0, 0, 0], target: [0, 0, 0] });
  useEffect(() => {
    if (!controls) return;
    controls.enabled = false;
    return () => {
      controls.enabled = true;
    };
  }, [controls]);
  // Before the renderer (priority 1) and after the controls' own update (-1), so the tour's pose is what is drawn.
  useFrame(() => {
    const tour = tourStore.getState().tour;
    if (!tour) return;
    const p = cameraAt(tour, tourNowS(), pose.current);
    camera.position.set(p.position[0], p.position[1], p.position[2]);
    controls?.target.set(p.target[0], p.target[1], p.target[2]);
    camera.lookAt(p.target[0], p.target[1], p.target[2]);
    noteFrameDrawn();
  }, 0);
  return null;
}
