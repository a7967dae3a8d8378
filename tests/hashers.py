"""The password hasher of the tests: argon2 (the stored hash reads `argon2$...` as in
production) with the smallest cost argon2 allows, since the tests create and sign in
thousands of users and production's cost (about 0.3 s a hash here) would dominate."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB: argon2's minimum for one lane
    parallelism = 1
