"""The one image pipeline: file or bytes -> RGB -> (H, W, 3) pixels for the network.

Used by the folder loader and by prediction of dropped or pasted files, so a picture gets exactly
the same numbers whichever way it comes in. Steps:
  1. open with Pillow (refusing images over MAX_PIXELS, and turning Pillow's decompression-bomb
     warning or error into an ImageError);
  2. for JPEGs, draft mode: let the decoder scale down by 1/2, 1/4 or 1/8 while keeping at least
     max(2*H, 2*W, DRAFT_SIDE) pixels on each side, so a 24-megapixel photo decodes in milliseconds;
  3. EXIF orientation (ImageOps.exif_transpose);
  4. RGB: palette and alpha images are composited on white; CMYK, grayscale, 1-bit converted;
     16-bit ("I;16", "I") scaled from 0..65535 down to 0..255;
  5. resize (stretch) to (W, H) with Image.LANCZOS and reducing_gap=3.0 (sharp, alias-free when
     shrinking; a picture already (W, H) is left unchanged);
  6. uint8 -> float32 in [0, 1] by u8_to_float, i.e. float32(x / 255), which is bit-identical to
     the course's x / 255 in float64 cast to float32.
Any unusable file raises ImageError (a DataError) naming the file and a short reason.
"""

from __future__ import annotations

import io
import os
import warnings
from typing import IO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from nnviz.data.errors import ImageError

INPUT_SHAPE: tuple[int, int, int] = (64, 64, 3)
MAX_PIXELS = 200_000_000  # our own guard, independent of Pillow's global MAX_IMAGE_PIXELS
DRAFT_SIDE = 320  # JPEG draft keeps at least this many pixels per side (for the thumbnail)
RESAMPLE = Image.Resampling.LANCZOS
REDUCING_GAP = 3.0

_LUT = (np.arange(256, dtype=np.float64) / 255.0).astype(np.float32)


def u8_to_float(a: np.ndarray) -> np.ndarray:
    """uint8 array (any shape) -> float32 in [0, 1], C-contiguous: float32(x / 255)."""
    return np.ascontiguousarray(_LUT[np.asarray(a, dtype=np.uint8)])


def to_column(img: np.ndarray) -> np.ndarray:
    """(H, W, 3) image (float in [0, 1] or uint8) -> (n_x, 1) float32 in course order."""
    img = np.asarray(img)
    if img.dtype == np.uint8:
        return u8_to_float(img).reshape(-1, 1)
    return np.ascontiguousarray(img, dtype=np.float32).reshape(-1, 1)


def column_to_image(col: np.ndarray, shape: tuple[int, int, int]) -> np.ndarray:
    """(n_x,) or (n_x, 1) float column in [0, 1] -> uint8 (H, W, 3) for display."""
    a = np.asarray(col, dtype=np.float64).reshape(shape) * 255.0
    return np.rint(np.clip(a, 0.0, 255.0)).astype(np.uint8)


def _to_rgb(img: Image.Image) -> Image.Image:
    """Any Pillow mode -> "RGB"; transparency is composited on white."""
    mode = img.mode
    if mode == "RGB" and not img.has_transparency_data:
        return img
    if mode.startswith("I;16") or mode in ("I", "F"):
        a = np.asarray(img).astype(np.float64)
        if mode == "F" and a.size and np.nanmax(a) <= 1.0:
            a = a * 255.0
        elif mode.startswith("I;16") or (a.size and a.max() > 255):
            a = a / 257.0  # 0..65535 -> 0..255
        a = np.rint(np.clip(np.nan_to_num(a), 0, 255)).astype(np.uint8)
        return Image.fromarray(a).convert("RGB")
    if img.has_transparency_data or mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")


def _describe(exc: BaseException) -> str:
    text = str(exc).lower()
    if "truncated" in text or "premature end" in text or isinstance(exc, EOFError):
        return "the image is truncated"
    return f"the image data is damaged ({type(exc).__name__}: {exc})"


def _check_path(path: str) -> None:
    if not os.path.lexists(path):
        raise ImageError(path, "no such file")
    if os.path.isdir(path):
        raise ImageError(path, "is a folder, not an image")
    if not os.path.exists(path):
        raise ImageError(path, "broken link: the file it points to is missing")
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise ImageError(path, f"cannot read the file ({e.strerror or e})") from None
    if size == 0:
        raise ImageError(path, "the file is empty")


_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def _kind_hint(fp: str | IO[bytes]) -> str:
    """ " (a HEIC photo ...)" when the bytes are a HEIF/AVIF picture (phones save those, often
    under a .jpg name), else "". Never raises."""
    try:
        if isinstance(fp, str):
            with open(fp, "rb") as f:
                head = f.read(12)
        else:
            fp.seek(0)
            head = fp.read(12)
    except (OSError, ValueError):
        return ""
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        kind = "AVIF" if head[8:12] == b"avif" else "HEIC"
        return f" (a {kind} photo, as phones save them: save it as JPEG or PNG)"
    return ""


def _decode(fp: str | IO[bytes], label: str, shape: tuple[int, int, int]) -> Image.Image:
    """Open, draft, orient and convert to a loaded RGB Pillow image. Raises ImageError."""
    H, W = int(shape[0]), int(shape[1])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(fp)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(label, "the image is too large (a possible decompression bomb)") from None
    except UnidentifiedImageError:
        raise ImageError(label, "not an image Pillow can read" + _kind_hint(fp)) from None
    except PermissionError:
        raise ImageError(label, "permission denied") from None
    except FileNotFoundError:
        raise ImageError(label, "no such file") from None
    except IsADirectoryError:
        raise ImageError(label, "is a folder, not an image") from None
    except Exception as e:  # never leak another exception type
        raise ImageError(label, f"cannot open the image ({type(e).__name__}: {e})") from None
    with img:
        w, h = img.size
        if w < 1 or h < 1:
            raise ImageError(label, f"the image has no pixels ({w} x {h})")
        if w * h > MAX_PIXELS:
            raise ImageError(label, f"the image is too large ({w} x {h} pixels)")
        try:
            if img.format == "JPEG":
                side = max(2 * H, 2 * W, DRAFT_SIDE)
                img.draft("RGB", (side, side))
            img.load()
            oriented = ImageOps.exif_transpose(img)
            rgb = _to_rgb(oriented)
            rgb.load()
            return rgb
        except ImageError:
            raise
        except MemoryError:
            raise ImageError(label, "the image is too large to decode") from None
        except Exception as e:
            raise ImageError(label, _describe(e)) from None


def _resize_u8(rgb: Image.Image, shape: tuple[int, int, int]) -> np.ndarray:
    H, W = int(shape[0]), int(shape[1])
    if rgb.size != (W, H):
        rgb = rgb.resize((W, H), RESAMPLE, reducing_gap=REDUCING_GAP)
    return np.asarray(rgb, dtype=np.uint8).copy()


def _check_shape(shape: tuple[int, int, int]) -> tuple[int, int, int]:
    if len(shape) != 3 or int(shape[2]) != 3 or int(shape[0]) < 1 or int(shape[1]) < 1:
        raise ValueError(f"shape must be (H, W, 3), got {tuple(shape)}")
    shape = (int(shape[0]), int(shape[1]), int(shape[2]))
    return shape


def load_image_u8(path: str | os.PathLike, shape: tuple[int, int, int] = INPUT_SHAPE) -> np.ndarray:
    """The pipeline up to the pixels: uint8 (H, W, 3). Raises ImageError for an unusable file."""
    shape = _check_shape(shape)
    p = os.fspath(path)
    _check_path(p)
    return _resize_u8(_decode(p, p, shape), shape)


def load_image(path: str | os.PathLike, shape: tuple[int, int, int] = INPUT_SHAPE) -> np.ndarray:
    """Image file -> float32 (H, W, 3) in [0, 1], the network's input. Raises ImageError."""
    return u8_to_float(load_image_u8(path, shape))


def image_from_bytes(
    data: bytes, name: str, shape: tuple[int, int, int] = INPUT_SHAPE
) -> np.ndarray:
    """Encoded image bytes (e.g. pasted) -> float32 (H, W, 3) in [0, 1]; `name` labels errors."""
    shape = _check_shape(shape)
    if not data:
        raise ImageError(name, "the file is empty")
    return u8_to_float(_resize_u8(_decode(io.BytesIO(bytes(data)), name, shape), shape))


def load_for_prediction(
    path: str | os.PathLike, shape: tuple[int, int, int] = INPUT_SHAPE, thumb: int = 160
) -> tuple[np.ndarray, np.ndarray]:
    """(thumbnail uint8 (h, w, 3), at most `thumb` px on its long side, aspect kept;
    network input float32 (H, W, 3), identical to load_image(path, shape)). Raises ImageError."""
    shape = _check_shape(shape)
    p = os.fspath(path)
    _check_path(p)
    rgb = _decode(p, p, shape)
    small = rgb.copy()
    small.thumbnail((max(1, int(thumb)), max(1, int(thumb))), RESAMPLE)
    return np.asarray(small, dtype=np.uint8).copy(), u8_to_float(_resize_u8(rgb, shape))
