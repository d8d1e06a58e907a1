"""The framework floor: the smallest Flask app, served with the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
