"""`sitroom serve`: the HTTP API and web application over the core object (docs/web.md).

`server.create_app(room, access)` builds the FastAPI app; `serve.run(...)` starts uvicorn.
Pages (`routes_*.py`) each have a JSON twin; `auth.py` holds tokens, roles and CSRF rules.
"""
