/* nbody.c - floating-point benchmark: gravitational N-body simulation. K bodies with
 * pseudo-random masses, positions and velocities; every step computes all pairwise forces
 * (a square root and a division per pair) and advances with a symplectic Euler step. Prints the
 * total energy before and after, and the centre of mass.
 * Size: the number of steps (default 2,000) over 100 bodies. */
#include "bench_common.h"
#include <math.h>

#define BODIES 100

struct body { double x, y, z, vx, vy, vz, mass; };

static double energy(const struct body *b, int k)
{
    double e = 0.0;
    for (int i = 0; i < k; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < k; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static void step(struct body *b, int k, double dt)
{
    for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;   /* softened */
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].mass * mag, mj = b[j].mass * mag;
            b[i].vx -= dx * mj; b[i].vy -= dy * mj; b[i].vz -= dz * mj;
            b[j].vx += dx * mi; b[j].vy += dy * mi; b[j].vz += dz * mi;
        }
    }
    for (int i = 0; i < k; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

int main(int argc, char **argv)
{
    long steps = bench_size(argc, argv, 2000);
    static struct body b[BODIES];
    uint64_t seed = 7;
    for (int i = 0; i < BODIES; i++) {
        b[i].x = rng_unit(&seed) * 20.0 - 10.0;
        b[i].y = rng_unit(&seed) * 20.0 - 10.0;
        b[i].z = rng_unit(&seed) * 2.0 - 1.0;
        b[i].vx = -b[i].y * 0.05;
        b[i].vy = b[i].x * 0.05;
        b[i].vz = 0.0;
        b[i].mass = 0.5 + rng_unit(&seed);
    }
    double e0 = energy(b, BODIES);
    for (long s = 0; s < steps; s++)
        step(b, BODIES, 0.001);
    double e1 = energy(b, BODIES), mx = 0, my = 0, mz = 0, m = 0;
    for (int i = 0; i < BODIES; i++) {
        mx += b[i].mass * b[i].x;
        my += b[i].mass * b[i].y;
        mz += b[i].mass * b[i].z;
        m += b[i].mass;
    }
    printf("nbody bodies=%d steps=%ld: energy %.15f -> %.15f centre %.12f %.12f %.12f\n", BODIES,
           steps, e0, e1, mx / m, my / m, mz / m);
    return 0;
}
