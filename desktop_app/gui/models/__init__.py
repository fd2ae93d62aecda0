"""Qt item models over the product's dataclasses, and the proxies that filter and sort them."""
