# The single-user Jupyter server of a JupyterHub user: medinsure's apps through Voila's server
# extension (/voila/render/<notebook>), with the same page settings as `./run app`
# (medinsure/site/serve.py). Put it where the user's server reads its config, e.g.
# <user env>/etc/jupyter/jupyter_server_config.py, and start the server with
# JUPYTER_PATH=<site-packages>/medinsure/share/jupyter so that the page template is found
# (jupyterhub_config.py and z2jh-values.yaml set both).
from medinsure.site import serve

c = get_config()  # noqa: F821 (given by Jupyter when it reads this file)

c.ServerApp.jpserver_extensions = {"voila": True}
c.VoilaConfiguration.template = serve.TEMPLATE
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.file_allowlist = serve.FILE_ALLOWLIST
# one user, one page at a time: kernels of closed tabs are culled after 2 minutes (serve.py)
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_idle_timeout = 120
c.MappingKernelManager.cull_connected = False
