"""The recogniser's 8-bit model: made once into the cache folder, read from it after, made
in memory where the folder cannot be written, and reading scans as the float model does."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pypdfium2
import pytest
from onnx import TensorProto, helper, numpy_helper

from gongkai.readers import recmodel, recognise, scancells
from gongkai.render import render
from tests.support.reports import report_from_rng
from tests.support.scans import print_and_scan


def _model(folder: Path, seed: int) -> Path:
    """A model of one matrix product (a weight of its own for each seed) and one 1×1 and
    one 3×3 convolution, saved in `folder`."""
    rng = np.random.default_rng(seed)
    weights = {
        "w": rng.standard_normal((8, 8)).astype(np.float32),
        "k1": rng.standard_normal((4, 4, 1, 1)).astype(np.float32),
        "k3": rng.standard_normal((4, 4, 3, 3)).astype(np.float32),
    }
    nodes = [
        helper.make_node("Conv", ["x", "k1"], ["a"], name="pointwise", kernel_shape=[1, 1]),
        helper.make_node("Conv", ["a", "k3"], ["b"], name="wide", kernel_shape=[3, 3]),
        helper.make_node("MatMul", ["b", "w"], ["y"], name="product"),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 10, 10])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 8, 8])],
        [numpy_helper.from_array(array, name) for name, array in weights.items()],
    )
    path = folder / f"model-{seed}.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
    return path


def _ops(model: bytes) -> dict[str, str]:
    return {node.name: node.op_type for node in onnx.load_from_string(model).graph.node}


def test_the_model_is_made_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, cache = _model(tmp_path, 1), tmp_path / "cache"
    made = recmodel.int8_model(source, cache)
    assert len(list(cache.iterdir())) == 1

    def refuse(source: Path, target: Path) -> None:
        raise AssertionError("made again")

    monkeypatch.setattr(recmodel, "_quantize", refuse)
    assert recmodel.int8_model(source, cache) == made


def test_only_matrix_products_and_1x1_convolutions_are_in_integers(tmp_path: Path) -> None:
    ops = _ops(recmodel.int8_model(_model(tmp_path, 1), tmp_path / "cache"))
    assert ops["wide"] == "Conv"
    assert "pointwise" not in ops and "ConvInteger" in ops.values()
    assert "product" not in ops and "MatMulInteger" in ops.values()


def test_another_source_model_gets_a_model_of_its_own(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = recmodel.int8_model(_model(tmp_path, 1), cache)
    two = recmodel.int8_model(_model(tmp_path, 2), cache)
    assert one != two and len(list(cache.iterdir())) == 2


def test_the_model_is_made_in_memory_where_the_cache_cannot_be_written(tmp_path: Path) -> None:
    source = _model(tmp_path, 1)
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    made = recmodel.int8_model(source, blocked / "cache")
    assert made == recmodel.int8_model(source, tmp_path / "cache")
    session = onnxruntime.InferenceSession(made, providers=["CPUExecutionProvider"])
    assert session.run(None, {"x": np.ones((1, 4, 10, 10), np.float32)})[0].shape == (1, 4, 8, 8)


@pytest.fixture
def fresh_session() -> Iterator[None]:
    recognise._session.cache_clear()
    yield
    recognise._session.cache_clear()


def _figures(text: str | None) -> list[str]:
    """The numbers and 顿号 of a page's text, in order (spaces read between characters and a
    page number's dashes differ between the two models: docs/accuracy.md)."""
    assert text is not None
    return re.findall(r"\d+|、", re.sub(r"\s", "", text))


def test_a_scanned_page_reads_the_same_figures_with_the_8_bit_model_as_with_the_float_one(
    fresh_session: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = print_and_scan(render(report_from_rng(random.Random(5), "2021"), "pdf"), seed=3)
    document = pypdfium2.PdfDocument(scan)
    page = np.array(document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L"))
    document.close()
    int8 = scancells.page_text(page)
    monkeypatch.setattr(recmodel, "INT8", False)
    recognise._session.cache_clear()
    assert "、" in _figures(int8)
    assert _figures(int8) == _figures(scancells.page_text(page))
