"""The image pipeline: colour modes, orientation, resizing, and one clear error per bad file."""

from __future__ import annotations

import io
import os
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageFile

from nnviz.data import DataError, load_builtin, load_for_prediction, load_image, to_column
from nnviz.data.images import column_to_image, image_from_bytes, u8_to_float

RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def _save(img: Image.Image, path, **kw) -> str:
    img.save(path, **kw)
    return str(path)


def _px(a: np.ndarray, y: int, x: int) -> tuple[int, ...]:
    return tuple(int(v) for v in np.rint(a[y, x] * 255))


def test_png_round_trip_is_exact(tmp_path):
    d = load_builtin("cats")
    for i in (0, 7):
        p = _save(Image.fromarray(d.image(i)), tmp_path / f"{i}.png")
        img = load_image(p)
        assert img.dtype == np.float32 and img.shape == (64, 64, 3)
        assert np.array_equal(to_column(img), d.X[:, [i]])
    col = d.X_test[:, 3]
    assert np.array_equal(column_to_image(col, (64, 64, 3)), d.image(3, test=True))


def test_float_conversion_matches_course():
    x = np.arange(256, dtype=np.uint8)
    assert np.array_equal(u8_to_float(x), (x / 255).astype(np.float32))
    assert np.array_equal(to_column(x[:192].reshape(8, 8, 3)), u8_to_float(x[:192]).reshape(-1, 1))


def test_jpeg_resize_and_shape(tmp_path):
    p = _save(Image.new("RGB", (100, 50), (10, 200, 30)), tmp_path / "a.jpg", quality=95)
    img = load_image(p)
    assert img.shape == (64, 64, 3)
    assert np.allclose(img[32, 32], np.array([10, 200, 30]) / 255, atol=6 / 255)
    assert load_image(p, shape=(32, 48, 3)).shape == (32, 48, 3)


def test_palette_with_transparency_is_composited_on_white(tmp_path):
    img = Image.new("P", (64, 64), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    img.paste(1, (0, 0, 32, 64))
    img.info["transparency"] = 0
    p = _save(img, tmp_path / "p.png", transparency=0)
    a = load_image(p)
    assert _px(a, 10, 10) == RED and _px(a, 10, 50) == WHITE


def test_alpha_and_la_composited_on_white(tmp_path):
    rgba = Image.new("RGBA", (64, 64), (0, 0, 255, 0))
    rgba.paste((255, 0, 0, 255), (0, 0, 32, 64))
    a = load_image(_save(rgba, tmp_path / "rgba.png"))
    assert _px(a, 5, 5) == RED and _px(a, 5, 60) == WHITE
    la = Image.new("LA", (64, 64), (0, 128))
    v = load_image(_save(la, tmp_path / "la.png"))[0, 0]
    assert np.allclose(v * 255, 127.5, atol=1.5)


def test_cmyk_grayscale_and_bilevel(tmp_path):
    cmyk = load_image(_save(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), tmp_path / "c.jpg"))
    assert np.allclose(cmyk[30, 30], [1, 0, 0], atol=0.05)
    gray = load_image(_save(Image.new("L", (64, 64), 100), tmp_path / "g.png"))
    assert np.array_equal(gray, np.full((64, 64, 3), np.float32(100 / 255)))
    one = Image.new("1", (64, 64), 0)
    one.paste(1, (0, 0, 32, 64))
    b = load_image(_save(one, tmp_path / "b.png"))
    assert _px(b, 0, 0) == WHITE and _px(b, 0, 63) == (0, 0, 0)


def test_sixteen_bit_is_scaled(tmp_path):
    a = np.zeros((64, 64), np.uint16)
    a[:, 32:] = 65535
    a[0, 0] = 128 * 257
    p = _save(Image.fromarray(a), tmp_path / "16.png")
    assert Image.open(p).mode.startswith("I")
    img = load_image(p)
    assert _px(img, 0, 0) == (128, 128, 128) and _px(img, 10, 60) == WHITE
    i32 = Image.fromarray(a.astype(np.int32), mode="I")
    assert _px(load_image(_save(i32, tmp_path / "i.tif")), 10, 60) == WHITE


def test_exif_orientation_is_applied(tmp_path):
    img = Image.new("RGB", (64, 64), BLUE)
    img.paste(RED, (0, 0, 64, 32))  # red on top as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: display by turning 90 degrees clockwise
    p = _save(img, tmp_path / "o.jpg", exif=exif.tobytes(), quality=95)
    a = load_image(p)
    assert np.allclose(a[32, 60], [1, 0, 0], atol=0.05)  # top moved to the right
    assert np.allclose(a[32, 3], [0, 0, 1], atol=0.05)


def test_large_jpeg_and_prediction(tmp_path):
    img = Image.new("RGB", (2400, 1600), (200, 50, 50))
    p = _save(img, tmp_path / "big.jpg", quality=90)
    thumb, x = load_for_prediction(p)
    assert thumb.dtype == np.uint8 and thumb.shape == (107, 160, 3)
    assert x.shape == (64, 64, 3) and np.array_equal(x, load_image(p))
    assert np.allclose(x[10, 10], np.array([200, 50, 50]) / 255, atol=5 / 255)
    small, _ = load_for_prediction(_save(Image.new("RGB", (40, 30)), tmp_path / "s.png"))
    assert small.shape == (30, 40, 3)


def test_image_from_bytes(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(buf, "PNG")
    assert _px(image_from_bytes(buf.getvalue(), "pasted"), 0, 0) == (1, 2, 3)
    for data in (b"", b"hello"):
        with pytest.raises(DataError, match="pasted"):
            image_from_bytes(data, "pasted")


def _png_header(w: int, h: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _bad_files(tmp_path) -> dict[str, tuple[str, str]]:
    """name -> (path, expected words in the reason)."""
    good = io.BytesIO()
    Image.new("RGB", (64, 64), (9, 9, 9)).save(good, "PNG")
    jpg = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (64, 64, 3), np.uint8)).save(
        jpg, "JPEG"
    )
    files = {
        "text.png": (b"just some words\n", "not an image"),
        "empty.jpg": (b"", "empty"),
        "page.jpg": (b"<!DOCTYPE html><html><body>404</body></html>", "not an image"),
        "vector.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "not an image"),
        "cut.png": (good.getvalue()[:60], "truncated"),
        "cut.jpg": (jpg.getvalue()[: len(jpg.getvalue()) // 2], "truncated"),
        "bomb.png": (_png_header(20000, 20000), "too large"),
        "warnbomb.png": (_png_header(12000, 12000), "too large"),
    }
    out = {}
    for name, (data, words) in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = (str(tmp_path / name), words)
    (tmp_path / "folder.png").mkdir()
    out["folder.png"] = (str(tmp_path / "folder.png"), "folder")
    out["missing.png"] = (str(tmp_path / "missing.png"), "no such file")
    return out


def test_every_bad_file_raises_one_clear_data_error(tmp_path):
    before = (ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS)
    for path, words in _bad_files(tmp_path).values():
        for load in (load_image, lambda p: load_for_prediction(p)[1]):
            with pytest.raises(DataError) as info:  # and nothing else
                load(path)
            assert os.path.basename(path) in str(info.value), str(info.value)
            assert words in info.value.reason, f"{path}: {info.value.reason}"
    assert before == (ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS)


def test_own_pixel_limit_without_pillows(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    p = tmp_path / "huge.png"
    p.write_bytes(_png_header(20000, 20000))
    with pytest.raises(DataError, match="too large"):
        load_image(p)


def test_permission_denied_when_opening(tmp_path, monkeypatch):
    p = _save(Image.new("RGB", (8, 8)), tmp_path / "secret.png")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Image, "open", denied)
    with pytest.raises(DataError, match=r"secret\.png: permission denied"):
        load_image(p)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    p = _save(Image.new("RGB", (8, 8)), tmp_path / "locked.png")
    os.chmod(p, 0)
    try:
        with pytest.raises(DataError, match=r"locked\.png: .*(permission|cannot read)"):
            load_image(p)
    finally:
        os.chmod(p, 0o644)
