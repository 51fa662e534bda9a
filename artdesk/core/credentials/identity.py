"""The signing identity: a private key and its certificate chain, kept in the user data folder.

On first use ``load_or_create`` makes one per installation: an ECDSA P-256 key, a self-signed CA and a leaf
certificate with the key usages C2PA asks for (digital signature; e-mail protection and document signing).
Readers report such a chain as untrusted (no public authority vouches for it); a user may import a
certificate of their own (``parse`` then ``save``). Files are written owner-only (0600) in a 0700 folder.
"""
from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.exceptions import UnsupportedAlgorithm as UnsupportedAlgorithmError
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.errors import ArtdeskError

FOLDER = "credentials"
KEY_FILE = "signing-key.pem"
CHAIN_FILE = "signing-chain.pem"
LOCAL_ORGANISATION = "artdesk (self-signed on this computer)"
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning (RFC 9336)
CURVE_ALGORITHMS = {"secp256r1": "es256", "secp384r1": "es384", "secp521r1": "es512"}


class IdentityError(ArtdeskError):
    pass


@dataclass(frozen=True)
class Identity:
    """A key and its chain (leaf first, PEM), with what a person needs to know about them."""

    key_pem: bytes
    chain_pem: bytes
    algorithm: str  # the C2PA signing algorithm: es256, es384, es512, ps256 or ed25519
    subject: str  # the name in the leaf certificate
    issuer: str  # who issued it
    self_made: bool  # made by artdesk on this computer (so no authority vouches for it)
    expires: datetime.datetime
    fingerprint: str  # SHA-256 of the leaf certificate, hex


def folder_of(data: Path) -> Path:
    return Path(data) / FOLDER


def load_or_create(folder: Path) -> Identity:
    """The identity kept in ``folder``; a new self-signed one is made and saved there if there is none."""
    folder = Path(folder)
    if (folder / KEY_FILE).exists() and (folder / CHAIN_FILE).exists():
        return load(folder)
    identity = create()
    save(folder, identity)
    return identity


def load(folder: Path) -> Identity:
    try:
        key_pem = (Path(folder) / KEY_FILE).read_bytes()
        chain_pem = (Path(folder) / CHAIN_FILE).read_bytes()
    except OSError as error:
        raise IdentityError(f"The signing key in {folder} could not be read ({error.strerror or error}).") from error
    return parse(chain_pem, key_pem)


def save(folder: Path, identity: Identity) -> None:
    """Write the key and chain owner-only (the folder 0700, the files 0600), replacing any earlier ones."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as error:
        raise IdentityError(f"Could not make the folder for the signing key ({folder}): {error.strerror or error}.") \
            from error
    for name, data in ((KEY_FILE, identity.key_pem), (CHAIN_FILE, identity.chain_pem)):
        atomic_write_bytes(folder / name, data)
        os.chmod(folder / name, 0o600)


def create(now: datetime.datetime | None = None) -> Identity:
    """A fresh key, a self-signed CA and a leaf certificate for signing Content Credentials."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("artdesk local certificate authority")
    leaf_name = _name("artdesk user")
    ca = (_builder(ca_name, ca_name, ca_key.public_key(), now, years=20)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(_key_usage(sign_certificates=True), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (_builder(leaf_name, ca_name, key.public_key(), now, years=10)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(sign_certificates=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    chain = b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in (leaf, ca))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return parse(chain, key_pem)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, LOCAL_ORGANISATION)])


def _builder(subject, issuer, public_key, now, years: int) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365 * years))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _key_usage(sign_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not sign_certificates, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=sign_certificates,
                         crl_sign=sign_certificates, encipher_only=False, decipher_only=False)


def parse(chain_pem: bytes, key_pem: bytes) -> Identity:
    """Check that ``key_pem`` is an unencrypted private key that belongs to the first certificate of ``chain_pem``.

    Raises IdentityError with a message for the user when the files are not a usable pair.
    """
    try:
        certificates = x509.load_pem_x509_certificates(chain_pem)
    except ValueError as error:
        raise IdentityError("The certificate file holds no PEM certificate (-----BEGIN CERTIFICATE-----).") from error
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except TypeError as error:
        raise IdentityError("The private key is protected by a password; save it without one to use it here.") \
            from error
    except (ValueError, UnsupportedAlgorithmError) as error:
        raise IdentityError("The key file holds no private key artdesk can read (PEM, PKCS#8 or PKCS#1).") from error
    leaf = certificates[0]
    if key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != \
            leaf.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        raise IdentityError("The private key does not belong to the certificate (the first one in the file).")
    expires = leaf.not_valid_after_utc
    if expires <= datetime.datetime.now(datetime.timezone.utc):
        raise IdentityError(f"The certificate expired on {expires:%Y-%m-%d}.")
    return Identity(key_pem, chain_pem, _algorithm(key), _common_name(leaf.subject), _common_name(leaf.issuer),
                    _organisation(leaf.issuer) == LOCAL_ORGANISATION, expires,
                    hashlib.sha256(leaf.public_bytes(serialization.Encoding.DER)).hexdigest())


def _algorithm(key) -> str:
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name in CURVE_ALGORITHMS:
        return CURVE_ALGORITHMS[key.curve.name]
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < 2048:
            raise IdentityError(f"The RSA key has {key.key_size} bits; C2PA needs at least 2048.")
        return "ps256"
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "ed25519"
    raise IdentityError("C2PA signs with ECDSA (P-256, P-384, P-521), RSA or Ed25519 keys; this key is none of them.")


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME) or name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def _organisation(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else ""
