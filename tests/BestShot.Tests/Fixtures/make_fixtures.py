#!/usr/bin/python3
"""Regenerates the preprocessing fixtures with Pillow (Debian's python3-pil), the independent implementation
BestShot's preprocessing is checked against. Run from the repository root: /usr/bin/python3 tests/BestShot.Tests/Fixtures/make_fixtures.py"""
import os
from PIL import Image, ImageOps

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "..", "..", "samples")

def seed_view(im):
    """The seed's preprocessing: shortest side to 224 with Lanczos (other side rounded half up), centre crop."""
    w, h = im.size
    if w <= h:
        size = (224, int(h * 224 / w + 0.5))
    else:
        size = (int(w * 224 / h + 0.5), 224)
    im = im.resize(size, Image.LANCZOS)
    left, top = (size[0] - 224) // 2, (size[1] - 224) // 2
    return im.crop((left, top, left + 224, top + 224))

# Golden views of real photos (PNG input: lossless, so only the resampling is compared; JPEG: decoder too).
for name in ["chelsea.png", "coffee.png", "rocket.jpg"]:
    im = Image.open(os.path.join(samples, name)).convert("RGB")
    seed_view(im).save(os.path.join(here, "golden_" + os.path.splitext(name)[0] + ".png"))

# EXIF orientation 6 (rotate 90° clockwise to display): stored sideways, displayed upright.
chelsea = Image.open(os.path.join(samples, "chelsea.png")).convert("RGB")
exif = Image.Exif()
exif[0x0112] = 6
chelsea.transpose(Image.Transpose.ROTATE_90).save(os.path.join(here, "orient6.jpg"), quality=95, exif=exif)
seed_view(ImageOps.exif_transpose(Image.open(os.path.join(here, "orient6.jpg"))).convert("RGB")).save(os.path.join(here, "golden_orient6.png"))

# Colour models the decoder must bring to 8-bit sRGB RGB.
Image.new("L", (64, 48), 128).save(os.path.join(here, "gray.jpg"), quality=95)
Image.new("CMYK", (64, 48), (255, 0, 0, 0)).save(os.path.join(here, "cmyk_cyan.jpg"), quality=95)
Image.new("I;16", (64, 48), 32768).save(os.path.join(here, "gray16.png"))
rgba = Image.new("RGBA", (64, 48), (255, 0, 0, 255))
rgba.paste((255, 0, 0, 0), (0, 0, 32, 48))     # left half fully transparent red
rgba.paste((0, 0, 255, 128), (32, 0, 64, 24))  # top-right: half-transparent blue
rgba.save(os.path.join(here, "alpha.png"))
