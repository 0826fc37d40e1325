//! The exercises of the built-in course, in the catalogue's order. Each
//! starts from the pattern as a typical tutorial writes it (indentation
//! restored where the tutorial's formatting lost it; the first exercise
//! keeps its lost spaces, since finding them is its lesson).

use super::{Exercise, Goal, Solution, TextRequirement};

pub static COURSE: &[Exercise] = &[
    Exercise {
        title: "Next.js: make the tutorial's Dockerfile build",
        task: "This three-stage Next.js Dockerfile comes from a tutorial whose formatting lost the spaces before the destinations: `COPY package*.json./` is one argument, so BuildKit refuses the file. Put the spaces back, then make the final stage run as a non-root user.",
        hint: "COPY takes sources and a destination separated by spaces: `COPY package*.json ./`, `COPY . .`. The node images have a `node` user (uid 1000): add `USER node` (or `USER 1000:1000`) before CMD in the runner stage.",
        files: &[(
            "Dockerfile",
            "# Stage 1: Dependencies\nFROM node:20-alpine AS deps\nWORKDIR /app\nCOPY package*.json./\nRUN npm ci\n\n# Stage 2: Builder\nFROM node:20-alpine AS builder\nWORKDIR /app\nCOPY --from=deps /app/node_modules./node_modules\nCOPY..\nRUN npm run build\n\n# Stage 3: Runner\nFROM node:20-alpine AS runner\nWORKDIR /app\nENV NODE_ENV=production\n\nCOPY --from=builder /app/public./public\nCOPY --from=builder /app/.next/standalone./\nCOPY --from=builder /app/.next/static./.next/static\n\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
        )],
        goal: Goal {
            gone: &["build-error"],
            practices: &["non-root"],
            text: &[],
        },
        solution: Solution {
            pattern: "nextjs",
            params: &[],
        },
    },
    Exercise {
        title: "Python: a runtime stage that does not run as root",
        task: "The build stage installs the packages with `pip install --user`, and the runtime stage copies them from /root/.local and runs as root. Make the runtime stage run as a non-root user that can still read its packages.",
        hint: "Install into a virtual environment (`python -m venv /opt/venv`) in the build stage, copy /opt/venv to the runtime stage, put /opt/venv/bin first on PATH, and add a user with `useradd` (or a numeric `USER 10001`) before CMD.",
        files: &[(
            "Dockerfile",
            "# Build stage\nFROM python:3.11-slim AS builder\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --user --no-cache-dir -r requirements.txt\n\n# Runtime stage\nFROM python:3.11-slim\nWORKDIR /app\nCOPY --from=builder /root/.local /root/.local\nCOPY . .\n\nENV PATH=/root/.local/bin:$PATH\nCMD [\"python\", \"app.py\"]\n",
        )],
        goal: Goal {
            gone: &[],
            practices: &["non-root"],
            text: &[],
        },
        solution: Solution {
            pattern: "python-app",
            params: &[],
        },
    },
    Exercise {
        title: "Full stack: secrets out of the compose file, Redis off the network",
        task: "This stack writes the database password into compose.yaml, publishes Redis on every interface of the host and still carries the obsolete `version:` key. Read the password from a .env file (add one), keep Redis reachable only from the other services, and drop `version:`.",
        hint: "Compose reads `${POSTGRES_PASSWORD}` from the project's .env file: add `.env` with `POSTGRES_PASSWORD=…` and write `POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}`. The app reaches Redis as `redis:6379` on the project's network: delete Redis's `ports:`.",
        files: &[
            (
                "compose.yaml",
                "version: '3.8'\n\nservices:\n  app:\n    build: .\n    ports:\n      - \"3000:3000\"\n    environment:\n      - DATABASE_URL=postgresql://user:pass@db:5432/mydb\n    depends_on:\n      db:\n        condition: service_healthy\n\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: user\n      POSTGRES_PASSWORD: pass\n      POSTGRES_DB: mydb\n    volumes:\n      - postgres_data:/var/lib/postgresql/data\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U user\"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n\n  redis:\n    image: redis:7-alpine\n    ports:\n      - \"6379:6379\"\n\nvolumes:\n  postgres_data:\n",
            ),
            (
                "Dockerfile",
                "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
            ),
        ],
        goal: Goal {
            gone: &["no-version-field", "secret-in-environment", "published-database-port"],
            practices: &[],
            text: &[],
        },
        solution: Solution {
            pattern: "fullstack",
            params: &[],
        },
    },
    Exercise {
        title: "Hot reload: a development target that exists",
        task: "This development compose file builds the `development` target of the Dockerfile, which has no such stage, and carries the obsolete `version:` key. Give the Dockerfile a `development` stage that runs the dev server (the sources come from the bind mount), and drop `version:`.",
        hint: "A stage is named with `FROM node:20-alpine AS development`. It installs the dependencies (all of them: the dev server is a dev dependency) and runs `npm run dev`; compose mounts the sources over /app while /app/node_modules stays the image's.",
        files: &[
            (
                "compose.yaml",
                "version: '3.8'\n\nservices:\n  app:\n    build:\n      context: .\n      target: development\n    volumes:\n      - .:/app\n      - /app/node_modules\n    environment:\n      - NODE_ENV=development\n    command: npm run dev\n",
            ),
            (
                "Dockerfile",
                "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD [\"npm\", \"start\"]\n",
            ),
        ],
        goal: Goal {
            gone: &["no-version-field", "build-target-not-found"],
            practices: &[],
            text: &[],
        },
        solution: Solution {
            pattern: "dev-compose",
            params: &[],
        },
    },
    Exercise {
        title: "Dev container: lean and repeatable",
        task: "This dev container image installs apt packages with their recommended extras and global npm packages at whatever version is current the day it is built. Keep the recommendations out and pin the global packages, so that every developer gets the same tools.",
        hint: "`apt-get install -y --no-install-recommends …` keeps the extras out; `npm install -g typescript@5.7.2 tsx@4.19.2` pins. The devcontainers images already hold git and curl: you may not need apt at all.",
        files: &[(
            ".devcontainer/Dockerfile",
            "FROM mcr.microsoft.com/devcontainers/typescript-node:20\n\n# Install additional tools\nRUN apt-get update && apt-get install -y \\\n    git \\\n    curl \\\n    vim \\\n    && rm -rf /var/lib/apt/lists/*\n\n# Install global npm packages\nRUN npm install -g typescript tsx\n\nUSER node\nWORKDIR /workspace\n",
        )],
        goal: Goal {
            gone: &["DL3015", "DL3016"],
            practices: &[],
            text: &[],
        },
        solution: Solution {
            pattern: "devcontainer",
            params: &[],
        },
    },
    Exercise {
        title: "Override: development settings beside production's",
        task: "compose.override.yaml (the tutorial calls it docker-compose.override.yml; Compose reads both names) is merged over compose.yaml by `docker compose up`. It asks for a `development` target the Dockerfile does not have and carries the obsolete `version:` key. Make the override build a stage that exists, and drop `version:` from both files.",
        hint: "Either add a `development` stage to the Dockerfile or build the stage that exists and only mount the sources in development. `docker compose -f compose.yaml up` is production: the override is left out.",
        files: &[
            (
                "compose.yaml",
                "version: '3.8'\n\nservices:\n  app:\n    build: .\n    ports:\n      - \"127.0.0.1:3000:3000\"\n",
            ),
            (
                "compose.override.yaml",
                "# docker-compose.override.yml\nversion: '3.8'\n\nservices:\n  app:\n    build:\n      target: development\n    volumes:\n      - .:/app\n      - /app/node_modules\n    environment:\n      - DEBUG=*\n      - LOG_LEVEL=debug\n",
            ),
            (
                "Dockerfile",
                "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
            ),
        ],
        goal: Goal {
            gone: &["no-version-field", "build-target-not-found"],
            practices: &[],
            text: &[],
        },
        solution: Solution {
            pattern: "override",
            params: &[],
        },
    },
    Exercise {
        title: ".dockerignore: keep the secrets out of the build",
        task: "This .dockerignore leaves out `.env.local`, but the project's secrets are in `.env`, and `COPY . .` sends them into the image (and into every layer cache and registry the image reaches). Make the .dockerignore keep `.env` (and any `.env.*`) and `.git` out.",
        hint: "One pattern a line: `.env` and `.env.*` cover the secret files; `.git` keeps the repository's history out too.",
        files: &[
            (
                ".dockerignore",
                "node_modules\nnpm-debug.log\n.next\n.git\n.env.local\n.DS_Store\n*.md\ntests/\ndocs/\n.github/\n",
            ),
            (
                "Dockerfile",
                "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
            ),
            (".env", "API_KEY=do-not-ship-me\n"),
        ],
        goal: Goal {
            gone: &["copy-context-unfiltered"],
            practices: &[],
            text: &[TextRequirement {
                path: ".dockerignore",
                absent: &[],
                present: &[],
                lines: &[".git", ".env"],
                says: ".dockerignore leaves out .git and .env",
            }],
        },
        solution: Solution {
            pattern: "dockerignore",
            params: &[],
        },
    },
    Exercise {
        title: "Health check: production dependencies, a user, a probe",
        task: "`npm ci --only=production` is deprecated (npm 7+ wants `--omit=dev`), the image runs as root, and the HEALTHCHECK runs `healthcheck.js`, which the tutorial never shows: the probe would fail and the container turn unhealthy. Install only the production dependencies the current way, run the app as a non-root user, and give the HEALTHCHECK a probe that exists in the image.",
        hint: "`RUN npm ci --omit=dev`; the node images have a `node` user: `USER node` before CMD. Add the probe to the project (a file `healthcheck.js` that requests the health endpoint with Node's http module and exits 0 or 1): `COPY . .` brings it into the image.",
        files: &[(
            "Dockerfile",
            "FROM node:20-alpine\nWORKDIR /app\n\nCOPY package*.json ./\nRUN npm ci --only=production\n\nCOPY . .\n\nHEALTHCHECK --interval=30s --timeout=3s --start-period=40s \\\n    CMD node healthcheck.js || exit 1\n\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
        )],
        goal: Goal {
            gone: &["DW1002", "healthcheck-probe-missing"],
            practices: &["non-root", "healthcheck"],
            text: &[],
        },
        solution: Solution {
            pattern: "healthcheck",
            params: &[],
        },
    },
    Exercise {
        title: "CI: current actions and a kept layer cache",
        task: "This GitHub Actions workflow uses action versions that GitHub has retired (they run on an old Node and print deprecation warnings, or stop). Move every action to its current major version and keep the layer cache (`cache-from`/`cache-to`).",
        hint: "Current majors: actions/checkout@v4, docker/setup-buildx-action@v3, docker/login-action@v3, docker/build-push-action@v6. `type=gha` keeps the cache in GitHub's cache service (10 GB per repository); `type=registry` keeps it beside the image.",
        files: &[
            (
                ".github/workflows/docker.yml",
                "name: Docker Build\n\non:\n  push:\n    branches: [main]\n\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v3\n\n      - name: Set up Docker Buildx\n        uses: docker/setup-buildx-action@v2\n\n      - name: Login to Docker Hub\n        uses: docker/login-action@v2\n        with:\n          username: ${{ secrets.DOCKER_USERNAME }}\n          password: ${{ secrets.DOCKER_TOKEN }}\n\n      - name: Build and push\n        uses: docker/build-push-action@v4\n        with:\n          context: .\n          push: true\n          tags: user/app:latest\n          cache-from: type=gha\n          cache-to: type=gha,mode=max\n",
            ),
            (
                "Dockerfile",
                "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
            ),
        ],
        goal: Goal {
            gone: &[],
            practices: &[],
            text: &[
                TextRequirement {
                    path: ".github/workflows/docker.yml",
                    absent: &[
                        "actions/checkout@v1",
                        "actions/checkout@v2",
                        "actions/checkout@v3",
                        "docker/setup-buildx-action@v1",
                        "docker/setup-buildx-action@v2",
                        "docker/login-action@v1",
                        "docker/login-action@v2",
                        "docker/build-push-action@v1",
                        "docker/build-push-action@v2",
                        "docker/build-push-action@v3",
                        "docker/build-push-action@v4",
                        "docker/build-push-action@v5",
                    ],
                    present: &["actions/checkout@", "docker/build-push-action@"],
                    lines: &[],
                    says: "Every action at its current major version",
                },
                TextRequirement {
                    path: ".github/workflows/docker.yml",
                    absent: &[],
                    present: &["cache-from:", "cache-to:"],
                    lines: &[],
                    says: "The layer cache is read and written (cache-from, cache-to)",
                },
            ],
        },
        solution: Solution {
            pattern: "ci-buildx",
            params: &[("registry", "dockerhub"), ("cache", "gha")],
        },
    },
    Exercise {
        title: "Layer caching: the current npm flag and a user",
        task: "The dependency layer is already copied before the sources, so a code change reuses it. Install only the production dependencies the current way (`--only=production` is deprecated) and run as a non-root user, keeping that order.",
        hint: "`RUN npm ci --omit=dev`, then `COPY . .`, then `USER node` before CMD.",
        files: &[(
            "Dockerfile",
            "# Optimize layer caching by copying dependencies first\nFROM node:20-alpine\nWORKDIR /app\n\n# Copy package files first (changes less frequently)\nCOPY package*.json ./\nRUN npm ci --only=production\n\n# Copy application code (changes more frequently)\nCOPY . .\n\nCMD [\"node\", \"index.js\"]\n",
        )],
        goal: Goal {
            gone: &["DW1002"],
            practices: &["non-root", "layer-order"],
            text: &[],
        },
        solution: Solution {
            pattern: "layer-caching",
            params: &[],
        },
    },
];
