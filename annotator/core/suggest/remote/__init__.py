"""The ``remote`` recogniser: a service speaking Label Studio's ML-backend protocol."""
