"""The recogniser's model with its matrix products and 1×1 convolutions in 8-bit integers.

Made from the model in rapidocr's wheel by onnxruntime's dynamic quantization (nothing is
downloaded), once a machine: kept in a cache folder under a name that holds the source
model's hash, the recipe's version and onnxruntime's, so an upgrade of either makes a new
one. Building takes about 2 CPU seconds; a process that cannot write the folder builds it
in memory at its first scan.

Only the 1×1 (pointwise) convolutions and the matrix products are quantized: onnxruntime's
integer convolution unfolds the 3×3 and depthwise ones into matrices, which costs more
than their float form saves (all convolutions quantized: no faster than float on this
AVX2 machine; pointwise only: about 15 % less CPU a batch). The text read is compared
with the float model's in docs/accuracy.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

RECIPE = 1  # raise when _quantize changes, so caches made before are not used
# GONGKAI_OCR_INT8=0: the float model, as rapidocr ships it (to compare the two).
INT8 = os.environ.get("GONGKAI_OCR_INT8", "1") != "0"


def cache_folder() -> Path:
    """GONGKAI_CACHE_DIR, else the user's cache folder (XDG_CACHE_HOME or ~/.cache)."""
    if folder := os.environ.get("GONGKAI_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gongkai"


def int8_model(source: Path, folder: Path) -> bytes:
    """The quantized form of the model at `source`: read from `folder`, else made and
    written there (atomically: processes building at once each replace the same file)."""
    cached = folder / _name(source)
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / "model.onnx"
        _quantize(source, made)
        model = made.read_bytes()
    with contextlib.suppress(OSError):
        _store(model, cached)
    return model


def _name(source: Path) -> str:
    import onnxruntime

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return f"rec-int8-{digest}-r{RECIPE}-ort{onnxruntime.__version__}.onnx"


def _store(model: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as part:
        part.write(model)
    os.replace(part.name, target)


def _quantize(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(source))
    with _quiet():
        quantize_dynamic(
            model,
            target,
            weight_type=QuantType.QUInt8,
            op_types_to_quantize=["MatMul", "Conv"],
            nodes_to_exclude=[node.name for node in model.graph.node if _unfolded(node)],
        )


def _unfolded(node: Any) -> bool:
    """Whether the node is a convolution other than 1×1 in one group (see above)."""
    if node.op_type != "Conv":
        return False
    import onnx

    attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
    one_by_one = list(attributes.get("kernel_shape", [])) == [1, 1]
    return bool(attributes.get("group", 1) != 1 or not one_by_one)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The quantizer's advice (it logs to the root logger) kept out of the caller's logs."""
    root = logging.getLogger()

    def advice(record: logging.LogRecord) -> bool:
        return "onnxruntime" not in record.pathname

    root.addFilter(advice)
    try:
        yield
    finally:
        root.removeFilter(advice)
