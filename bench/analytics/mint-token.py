#!/usr/bin/env python3
"""Prints an RS256 JWT for the analytics bench: mint-token.py <private-key.pem> <role> [store...]."""
import base64, json, sys, time
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

key = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), password=None)
now = int(time.time())
claims = {"iss": "https://npsloop.dev/issuer", "sub": "bench", "groups": [sys.argv[2]], "stores": sys.argv[3:],
          "regions": [], "iat": now, "exp": now + 7200}
head = b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
sig = key.sign(head.encode(), padding.PKCS1v15(), hashes.SHA256())
print(head + "." + b64(sig))
