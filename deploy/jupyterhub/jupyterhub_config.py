# JupyterHub: each user gets a Jupyter server that opens medinsure's start page in Voila
# (default_url), and idle servers are stopped by jupyterhub-idle-culler.
# For The Littlest JupyterHub (one big server) drop this file into
# /opt/tljh/config/jupyterhub_config.d/medinsure.py and run `sudo tljh-config reload hub`;
# for a plain JupyterHub, append it to jupyterhub_config.py. Zero to JupyterHub (Kubernetes,
# several servers) uses z2jh-values.yaml instead.
import os
import sys

c = get_config()  # noqa: F821 (given by JupyterHub when it reads this file)

# Where medinsure is checked out and installed for the users (`./run setup` there, or
# `pip install -e '.[app]'` into the users' environment).
MEDINSURE = os.environ.get("MEDINSURE_HOME", "/opt/medinsure")

c.Spawner.notebook_dir = f"{MEDINSURE}/notebooks"
c.Spawner.default_url = "/voila/render/00-start.ipynb"
c.Spawner.environment = {"JUPYTER_PATH": f"{MEDINSURE}/medinsure/share/jupyter",
                         "JUPYTER_CONFIG_DIR": f"{MEDINSURE}/deploy/jupyterhub"}
# the participants only read the apps: no terminals, no editor in front of them
c.Spawner.args = ["--ServerApp.terminals_enabled=False"]

# Stop a user's server after an hour without activity (pip install jupyterhub-idle-culler).
# TLJH runs its own culler: there, set `sudo tljh-config set services.cull.timeout 3600` instead.
c.JupyterHub.load_roles = [{"name": "idle-culler",
                            "scopes": ["list:users", "read:users:activity", "read:servers",
                                       "delete:servers"],
                            "services": ["idle-culler"]}]
c.JupyterHub.services = [{"name": "idle-culler",
                          "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}]
