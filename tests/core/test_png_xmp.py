"""PNGs of generated pictures state the IPTC digital source type as XMP, where other tools look for it."""
import io
import json
import xml.etree.ElementTree as ET

import numpy as np
from PIL import Image

from artdesk.core.image_io import decode_image, encode_png
from artdesk.core.provenance import IPTC_TRAINED_ALGORITHMIC_MEDIA

IPTC_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def _pixels():
    return np.arange(4 * 3 * 4, dtype=np.uint8).reshape(4, 3, 4)


def test_generated_png_carries_the_digital_source_type_as_xmp():
    record = {"app": "artdesk", "seed": 7, "digital_source_type": IPTC_TRAINED_ALGORITHMIC_MEDIA}
    data = encode_png(_pixels(), record)
    with Image.open(io.BytesIO(data)) as image:  # Pillow reads the iTXt "XML:com.adobe.xmp" chunk into info["xmp"]
        packet = image.info["xmp"]
        assert json.loads(image.text["artdesk"]) == record
    packet = packet.decode("utf-8") if isinstance(packet, bytes) else packet
    body = packet[packet.index("<x:xmpmeta"):packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")]
    description = ET.fromstring(body).find(f"{RDF}RDF/{RDF}Description")
    assert description.get(f"{IPTC_EXT}DigitalSourceType") == IPTC_TRAINED_ALGORITHMIC_MEDIA
    assert np.array_equal(decode_image(data, "x.png").pixels, _pixels())


def test_png_without_a_source_type_has_no_xmp():
    for record in (None, {"app": "artdesk", "seed": 1}):
        with Image.open(io.BytesIO(encode_png(_pixels(), record))) as image:
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info
