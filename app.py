from prof123 import create_app

app = create_app()
