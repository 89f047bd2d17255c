/**
 * Layer lists of a few classic networks, for `mot model-info <name>` and for
 * checking the analysis against published figures.
 */
import { ConfigError } from '@mot/core';
import type { LayerSpec } from './layer-spec.js';

/** A named architecture: its layers, the input they expect and where they come from. */
export interface BuiltinModel {
  description: string;
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** VGG16 (Simonyan & Zisserman 2015, configuration D): 13 3x3 convs, 5 max pools, 3 fc. */
function vgg16(): BuiltinModel {
  const layers: LayerSpec[] = [];
  const blocks = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  blocks.forEach(([channels, convs], b) => {
    for (let i = 1; i <= convs; i++) {
      layers.push({ name: `conv${b + 1}_${i}`, type: 'conv', outChannels: channels, kernel: 3, padding: 1 });
      layers.push({ name: `relu${b + 1}_${i}`, type: 'activation', fn: 'relu' });
    }
    layers.push({ name: `pool${b + 1}`, type: 'maxpool', kernel: 2, stride: 2 });
  });
  layers.push(
    { name: 'fc6', type: 'fc', outFeatures: 4096 },
    { name: 'relu6', type: 'activation', fn: 'relu' },
    { name: 'fc7', type: 'fc', outFeatures: 4096 },
    { name: 'relu7', type: 'activation', fn: 'relu' },
    { name: 'fc8', type: 'fc', outFeatures: 1000 },
  );
  return { description: 'VGG16 (Simonyan & Zisserman 2015), 224x224 RGB', inputShape: [3, 224, 224], layers };
}

/**
 * AlexNet as in Krizhevsky et al. 2012 / Caffe's bvlc_alexnet: 227x227 input,
 * conv2, conv4 and conv5 split in two groups (the two GPUs); LRN omitted (no
 * parameters, no MACs).
 */
function alexnet(): BuiltinModel {
  const layers: LayerSpec[] = [
    { name: 'conv1', type: 'conv', outChannels: 96, kernel: 11, stride: 4 },
    { name: 'relu1', type: 'activation', fn: 'relu' },
    { name: 'pool1', type: 'maxpool', kernel: 3, stride: 2 },
    { name: 'conv2', type: 'conv', outChannels: 256, kernel: 5, padding: 2, groups: 2 },
    { name: 'relu2', type: 'activation', fn: 'relu' },
    { name: 'pool2', type: 'maxpool', kernel: 3, stride: 2 },
    { name: 'conv3', type: 'conv', outChannels: 384, kernel: 3, padding: 1 },
    { name: 'relu3', type: 'activation', fn: 'relu' },
    { name: 'conv4', type: 'conv', outChannels: 384, kernel: 3, padding: 1, groups: 2 },
    { name: 'relu4', type: 'activation', fn: 'relu' },
    { name: 'conv5', type: 'conv', outChannels: 256, kernel: 3, padding: 1, groups: 2 },
    { name: 'relu5', type: 'activation', fn: 'relu' },
    { name: 'pool5', type: 'maxpool', kernel: 3, stride: 2 },
    { name: 'fc6', type: 'fc', outFeatures: 4096 },
    { name: 'relu6', type: 'activation', fn: 'relu' },
    { name: 'fc7', type: 'fc', outFeatures: 4096 },
    { name: 'relu7', type: 'activation', fn: 'relu' },
    { name: 'fc8', type: 'fc', outFeatures: 1000 },
  ];
  return { description: 'AlexNet (Krizhevsky et al. 2012, grouped as in Caffe bvlc_alexnet), 227x227 RGB', inputShape: [3, 227, 227], layers };
}

/**
 * ResNet-50 as torchvision builds it (He et al. 2016, "v1.5": stride on the
 * 3x3 conv of each bottleneck): convs without bias, each followed by BN.
 */
function resnet50(): BuiltinModel {
  const layers: LayerSpec[] = [
    { name: 'conv1', type: 'conv', outChannels: 64, kernel: 7, stride: 2, padding: 3, bias: false },
    { name: 'bn1', type: 'bn' },
    { name: 'relu', type: 'activation', fn: 'relu' },
    { name: 'maxpool', type: 'maxpool', kernel: 3, stride: 2, padding: 1 },
  ];
  let last = 'maxpool';
  let channels = 64;
  const stages = [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ];
  stages.forEach(([width, blocks, stride], s) => {
    for (let b = 0; b < blocks; b++) {
      const p = `layer${s + 1}.${b}`;
      const st = b === 0 ? stride : 1;
      const out = width * 4;
      layers.push(
        { name: `${p}.conv1`, type: 'conv', inputs: [last], outChannels: width, kernel: 1, bias: false },
        { name: `${p}.bn1`, type: 'bn' },
        { name: `${p}.relu1`, type: 'activation', fn: 'relu' },
        { name: `${p}.conv2`, type: 'conv', outChannels: width, kernel: 3, stride: st, padding: 1, bias: false },
        { name: `${p}.bn2`, type: 'bn' },
        { name: `${p}.relu2`, type: 'activation', fn: 'relu' },
        { name: `${p}.conv3`, type: 'conv', outChannels: out, kernel: 1, bias: false },
        { name: `${p}.bn3`, type: 'bn' },
      );
      let shortcut = last;
      if (b === 0 && (st !== 1 || channels !== out)) {
        layers.push(
          { name: `${p}.downsample.0`, type: 'conv', inputs: [last], outChannels: out, kernel: 1, stride: st, bias: false },
          { name: `${p}.downsample.1`, type: 'bn' },
        );
        shortcut = `${p}.downsample.1`;
      }
      layers.push({ name: `${p}.add`, type: 'add', inputs: [`${p}.bn3`, shortcut] }, { name: `${p}.relu`, type: 'activation', fn: 'relu' });
      last = `${p}.relu`;
      channels = out;
    }
  });
  layers.push({ name: 'avgpool', type: 'globalavgpool' }, { name: 'fc', type: 'fc', outFeatures: 1000 });
  return { description: 'ResNet-50 (He et al. 2016, torchvision layout), 224x224 RGB', inputShape: [3, 224, 224], layers };
}

/** The stem of ResNet alone, with a bias as the seed notes count it. */
function resnetConv1(): BuiltinModel {
  return {
    description: 'ResNet conv1: 7x7, 3->64, stride 2, pad 3, with bias, 224x224 RGB',
    inputShape: [3, 224, 224],
    layers: [{ name: 'conv1', type: 'conv', outChannels: 64, kernel: 7, stride: 2, padding: 3 }],
  };
}

const BUILDERS: Record<string, () => BuiltinModel> = { vgg16, alexnet, resnet50, 'resnet-conv1': resnetConv1 };

/** Names accepted by {@link builtinModel}. */
export const BUILTIN_MODEL_NAMES: readonly string[] = Object.keys(BUILDERS);

/**
 * A fresh copy of a built-in architecture.
 * @param name one of {@link BUILTIN_MODEL_NAMES}
 * @throws ConfigError for an unknown name
 * @example analyzeModel(builtinModel('vgg16').layers, builtinModel('vgg16').inputShape)
 */
export function builtinModel(name: string): BuiltinModel {
  const build = Object.hasOwn(BUILDERS, name) ? BUILDERS[name] : undefined;
  if (build === undefined) throw new ConfigError(`builtinModel: name must be one of ${BUILTIN_MODEL_NAMES.join(', ')}, got ${name}`);
  return build();
}
